import type { ReactElement } from 'react';
import { Box, Text } from 'ink';
import type { ListWindow } from '../list/list-state.js';
import { useColor } from '../context.js';
import { useInteractionMarks } from '../hooks/use-interaction-marks.js';
import { useUnsent } from '../hooks/use-unsent.js';
import { useRequestCounts } from '../hooks/use-counts.js';
import { GUTTER, INDENT } from '../hooks/use-note-list.js';
import type { NoteSource } from './note-source.js';
import type { NoteLine } from './note-layout.js';
import { SafeText } from '../SafeText.js';
import { LinkedText } from './LinkedText.js';

const MAX_INDENT_DEPTH = 8;

/**
 * The visible window of a note list, exactly `rows` rows tall: a banner row
 * ("N new posts", or a title), then the notes in the window, the selected one marked.
 */
export function NoteList(props: {
  source: NoteSource; window: ListWindow; rows: number; empty: string; banner?: string; footer?: string;
  /** What the banner calls what waits above ("3 new posts"), one and many. */
  newWord?: readonly [string, string];
}) {
  const { source, window, rows, empty } = props;
  const color = useColor();
  const drawn = window.clipped === undefined ? window.visible : [...window.visible, window.clipped];
  const markOf = useInteractionMarks(source, drawn);
  const unsent = useUnsent();
  // Counts on the notes in view (a line under each, laid out by useLayouter).
  useRequestCounts(source, window.visible);
  const lines: ReactElement[] = [];
  // The first row is always the banner's, so "N new posts" appearing moves nothing.
  if (window.newCount > 0) {
    const [one, many] = props.newWord ?? ['post', 'posts'];
    lines.push(
      <Text key="new" color={color('cyan')} bold wrap="truncate">
        {`  ── ${window.newCount} new ${window.newCount === 1 ? one : many} · g to show ──`}
      </Text>,
    );
  } else {
    lines.push(
      <SafeText key="banner" dimColor wrap="truncate">
        {props.banner ? `  ${props.banner}` : ' '}
      </SafeText>,
    );
  }
  // In a box, so a line that wraps keeps the indent.
  if (source.length === 0) {
    lines.push(
      <Box key="empty" paddingLeft={2}>
        <Text dimColor>{empty}</Text>
      </Box>,
    );
  }
  // The clipped note last: as many of its lines as are left (its header at least).
  for (const index of drawn) {
    if (lines.length >= rows) break;
    const selected = index === window.selected;
    const indent = ' '.repeat(Math.min(source.rowAt(index).depth, MAX_INDENT_DEPTH) * INDENT);
    const noteLines = source.linesAt(index);
    const header = noteLines.findIndex((line) => line.style === 'header');
    // A note taller than the screen, read further down: its first rows are scrolled past.
    const skip = index === window.top ? window.offset : 0;
    noteLines.forEach((line, i) => {
      if (lines.length >= rows || i < skip) return;
      const mark = i === header ? markOf(index) : '';
      const problem = i === header ? unsent.get(source.rowAt(index).event.id) : undefined;
      lines.push(<NoteLineView key={`${index}:${i}`} line={line} selected={selected} indent={indent} mark={mark} problem={problem} />);
    });
    if (lines.length < rows) lines.push(<Text key={`${index}:gap`}> </Text>);
  }
  // Below the last note, when it is in the window: "loading older notes…" or the true end.
  const last = window.visible[window.visible.length - 1];
  if (props.footer && last === source.length - 1) {
    const footer = (
      <Text key="footer" dimColor wrap="truncate">
        {`  ── ${props.footer} ──`}
      </Text>
    );
    // In the row after the last note, or in place of its blank gap row when the screen is full.
    if (lines.length < rows) lines.push(footer);
    else if (String(lines[lines.length - 1]?.key).endsWith(':gap')) lines[lines.length - 1] = footer;
  }
  return (
    <Box flexDirection="column" height={rows} overflow="hidden">
      {lines}
    </Box>
  );
}

function NoteLineView(props: { line: NoteLine; selected: boolean; indent: string; mark: string; problem?: string | undefined }) {
  const { line, selected, indent, mark, problem } = props;
  const color = useColor();
  const marker = selected ? '▌'.padEnd(GUTTER) : ' '.repeat(GUTTER);
  return (
    <SafeText wrap="truncate">
      <SafeText color={color('yellow')} bold={selected}>
        {marker}
      </SafeText>
      {indent}
      {line.style === 'header' ? (
        <SafeText bold color={selected ? color('yellow') : color('green')}>
          {line.text}
          {mark}
          {problem ? <SafeText color={color('red')}>{`  ✗ not sent: ${problem}`}</SafeText> : null}
        </SafeText>
      ) : line.style === 'meta' ? (
        <SafeText color={color('magenta')} dimColor={!selected}>
          {line.text}
        </SafeText>
      ) : line.style === 'quote' ? (
        <SafeText dimColor={!selected}>
          <LinkedText text={line.text} links={line.links} />
        </SafeText>
      ) : (
        <LinkedText text={line.text} links={line.links} />
      )}
    </SafeText>
  );
}
