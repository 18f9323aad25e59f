// A line of note text with its web links drawn as the client's own OSC 8 hyperlinks (issue #13).
// The line is sanitised text (layout did it, SafeText does it again); the escape sequence is added
// around it afterwards by a Transform, so no text from the network is ever part of a sequence, and
// the URL inside it is a validated href (core/links.ts). Under NO_COLOR no hyperlink is written:
// the whole URL is still on the screen, for the terminal's own URL detection or for copying.
import { Transform } from 'ink';
import type { ReactElement } from 'react';
import { hyperlink } from '../../core/links.js';
import { useColor, useTheme } from '../context.js';
import { SafeText } from '../SafeText.js';
import type { LineLink } from './link-spans.js';

export function LinkedText({ text, links }: { text: string; links?: readonly LineLink[] | undefined }) {
  const { color: on } = useTheme();
  const color = useColor();
  if (!links || links.length === 0) return <SafeText>{text}</SafeText>;
  const parts: ReactElement[] = [];
  let at = 0;
  links.forEach((link, i) => {
    if (link.start < at) return;
    if (link.start > at) parts.push(<SafeText key={`t${i}`}>{text.slice(at, link.start)}</SafeText>);
    const piece = <SafeText key={`l${i}`} color={color('cyan')}>{text.slice(link.start, link.end)}</SafeText>;
    parts.push(
      on ? (
        <Transform key={`h${i}`} transform={(shown) => hyperlink(link.url, shown)}>
          {piece}
        </Transform>
      ) : (
        piece
      ),
    );
    at = link.end;
  });
  if (at < text.length) parts.push(<SafeText key="rest">{text.slice(at)}</SafeText>);
  return <SafeText>{parts}</SafeText>;
}
