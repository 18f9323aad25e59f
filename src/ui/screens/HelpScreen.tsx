import { Box, Text } from 'ink';
import { bindings, type Scope } from '../keys/bindings.js';
import { useScreenSize } from '../context.js';

const sections: { scope: Scope; title: string }[] = [
  { scope: 'list', title: 'Notes (timeline, thread, profile)' },
  { scope: 'global', title: 'Anywhere' },
  { scope: 'composer', title: 'Writing a note' },
];

const LABEL = 11;

function section(scope: Scope, title: string): string[] {
  return [title, ...bindings.filter((b) => b.scope === scope).map((b) => `  ${b.label.padEnd(LABEL)} ${b.description}`), ''];
}

/** Every key, drawn from the key table; two columns when the terminal is wide enough. */
export function HelpScreen({ rows }: { rows: number }) {
  const { columns } = useScreenSize();
  const [first, ...rest] = sections.map((s) => section(s.scope, s.title));
  const columnsOf = columns >= 80 ? [first!, rest.flat()] : [[first!, ...rest].flat()];
  const width = Math.floor(columns / columnsOf.length);
  return (
    <Box height={rows} overflow="hidden">
      {columnsOf.map((lines, c) => (
        <Box key={c} flexDirection="column" width={width}>
          {lines.slice(0, rows).map((line, i) => (
            <Text key={i} bold={!line.startsWith(' ')} wrap="truncate">
              {` ${line}`}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
