import { Box, Text } from 'ink';
import { useState } from 'react';
import { bindings, commandFor, type Command, type Scope } from '../keys/bindings.js';
import { KeyPriority, useKeypress } from '../keys/keypress.js';
import { useScreenSize } from '../context.js';

const sections: { scope: Scope; title: string }[] = [
  { scope: 'list', title: 'Notes (timeline, thread, profile)' },
  { scope: 'global', title: 'Anywhere' },
  { scope: 'composer', title: 'Writing a note (and arrows, Backspace)' },
  { scope: 'relays', title: 'Relays panel (R)' },
  { scope: 'messages', title: 'Private messages (M)' },
];

const LABEL = 11;

function section(scope: Scope, title: string): string[] {
  return [title, ...bindings.filter((b) => b.scope === scope).map((b) => `  ${b.label.padEnd(LABEL)} ${b.description}`), ''];
}

/** How each list move scrolls the help, given its page and its last offset. */
const scrolls: Partial<Record<Command, (offset: number, page: number, last: number) => number>> = {
  down: (o) => o + 1,
  up: (o) => o - 1,
  pageDown: (o, page) => o + page,
  pageUp: (o, page) => o - page,
  top: () => 0,
  bottom: (_o, _page, last) => last,
};

/**
 * Every key, drawn from the key table; two columns when the terminal is wide
 * enough. Taller than the screen (small terminals), it scrolls with the list keys.
 */
export function HelpScreen({ rows, active = true }: { rows: number; active?: boolean }) {
  const { columns } = useScreenSize();
  const [list, global, composer, relays, messages] = sections.map((s) => section(s.scope, s.title));
  // Two columns of about equal height when wide enough: notes and relays, then the rest.
  const wide = columns >= 80 ? [[...list!, ...relays!], [...global!, ...messages!, ...composer!]] : [sections.flatMap((s) => section(s.scope, s.title))];
  // A column one or two lines too tall for the screen gives up its blank lines between sections first.
  const columnsOf = wide.map((lines) => (lines.length > rows ? lines.filter((line) => line !== '') : lines));
  const width = Math.floor(columns / columnsOf.length);
  const last = Math.max(0, Math.max(...columnsOf.map((lines) => lines.length)) - rows);
  const [wanted, setOffset] = useState(0);
  // Clamped on every draw: a resize can shrink what is left to scroll.
  const offset = Math.min(Math.max(0, wanted), last);
  useKeypress(
    (input, key) => {
      const command = commandFor(['list'], input, key);
      const scroll = command && scrolls[command];
      if (!scroll) return false;
      setOffset(Math.min(Math.max(0, scroll(offset, Math.max(1, rows - 1), last)), last));
      return true;
    },
    { priority: KeyPriority.screen, isActive: active },
  );
  return (
    <Box height={rows} overflow="hidden">
      {columnsOf.map((lines, c) => (
        <Box key={c} flexDirection="column" width={width}>
          {lines.slice(offset, offset + rows).map((line, i) => (
            <Text key={i} bold={!line.startsWith(' ')} wrap="truncate">
              {` ${line}`}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
