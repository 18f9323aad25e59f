import { Box, Text } from 'ink';
import { textWidth, truncate, wrapText } from '../../core/text-layout.js';
import { useColor } from '../context.js';
import { SafeText } from '../SafeText.js';
import type { ComposerState } from './composer-state.js';

/** Text lines the composer shows at most; longer drafts scroll with the cursor. */
export const COMPOSER_LINES = 6;
const CURSOR = '▏';

/** The draft's lines as shown, the cursor marked, and the rows the composer takes. */
export function composerLines(draft: ComposerState, width: number): string[] {
  const marked = draft.text.slice(0, draft.cursor) + CURSOR + draft.text.slice(draft.cursor);
  const lines = wrapText(marked, Math.max(10, width - 2));
  const at = Math.max(0, lines.findIndex((l) => l.includes(CURSOR)));
  const start = Math.max(0, Math.min(at - COMPOSER_LINES + 1, lines.length - COMPOSER_LINES));
  return lines.slice(start, start + COMPOSER_LINES);
}

export const composerHeight = (draft: ComposerState, width: number): number => 1 + composerLines(draft, width).length;

export function ComposerView({ draft, title, width, sending }: { draft: ComposerState; title: string; width: number; sending: boolean }) {
  const color = useColor();
  // In columns: a CJK or emoji name in the title is twice as wide as it is long.
  const head = truncate(`── ${title} ${sending ? '(sending…) ' : ''}`, width);
  return (
    <Box flexDirection="column">
      <SafeText color={color('cyan')} wrap="truncate">
        {head + '─'.repeat(Math.max(0, width - textWidth(head)))}
      </SafeText>
      {composerLines(draft, width).map((line, i) => (
        <Text key={i} wrap="truncate">{`  ${line}`}</Text>
      ))}
    </Box>
  );
}
