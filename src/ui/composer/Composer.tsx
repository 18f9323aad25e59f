import { Box, Text } from 'ink';
import { textWidth, truncate, truncateStart, wrapText } from '../../core/text-layout.js';
import { useColor } from '../context.js';
import { SafeText } from '../SafeText.js';
import type { ComposerState } from './composer-state.js';

/** Text lines the composer shows at most; longer drafts scroll with the cursor. */
export const COMPOSER_LINES = 6;
const CURSOR = '▏';

/**
 * The text lines the composer may show in `room` rows (its title and the reason's line included):
 * a short terminal gets fewer, so the composer never draws over itself or what is above it; the
 * cursor's line stays in view (the draft scrolls with it).
 */
export const composerLinesIn = (room: number, asking = false): number => Math.max(1, Math.min(COMPOSER_LINES, room - 1 - (asking ? 1 : 0)));

/** The draft's lines as shown (at most `max`), the cursor marked. */
export function composerLines(draft: ComposerState, width: number, max = COMPOSER_LINES, cursorShown = true): string[] {
  const marked = draft.text.slice(0, draft.cursor) + CURSOR + draft.text.slice(draft.cursor);
  const lines = wrapText(marked, Math.max(10, width - 2));
  const at = Math.max(0, lines.findIndex((l) => l.includes(CURSOR)));
  const start = Math.max(0, Math.min(at - max + 1, lines.length - max));
  const shown = lines.slice(start, start + max);
  // While a content warning's reason is typed, the cursor is on that line: one cursor on screen.
  return cursorShown ? shown : shown.map((line) => line.replace(CURSOR, ''));
}

/** The line asking a content warning's reason (Alt-W), the cursor marked; the end shows when it is long. */
function reasonLine(reason: ComposerState, width: number): string {
  const long = '⚠ content warning, reason (optional): ';
  // A narrow terminal keeps room for what is typed.
  const label = width - 2 - textWidth(long) >= 20 ? long : '⚠ reason: ';
  const typed = reason.text.slice(0, reason.cursor) + CURSOR + reason.text.slice(reason.cursor);
  return label + truncateStart(typed, Math.max(5, width - 2 - textWidth(label)));
}

/** The rows the composer takes: its title, the reason's line while asked, the text. */
export const composerHeight = (draft: ComposerState, width: number, asking?: ComposerState, max = COMPOSER_LINES): number =>
  1 + (asking ? 1 : 0) + composerLines(draft, width, max).length;

/** The title's mark for a draft with a content warning (NIP-36). */
export const warningMark = (warning: string | undefined): string =>
  warning === undefined ? '' : ` · ⚠ content warning${warning ? `: ${warning}` : ''}`;

export function ComposerView({ draft, title, width, sending, warning, asking, maxLines = COMPOSER_LINES }: {
  draft: ComposerState; title: string; width: number; sending: boolean; warning?: string | undefined; asking?: ComposerState | undefined; maxLines?: number;
}) {
  const color = useColor();
  // In columns: a CJK or emoji name in the title is twice as wide as it is long.
  const head = truncate(`── ${title}${warningMark(warning)} ${sending ? '(sending…) ' : ''}`, width);
  return (
    <Box flexDirection="column">
      <SafeText color={color('cyan')} wrap="truncate">
        {head + '─'.repeat(Math.max(0, width - textWidth(head)))}
      </SafeText>
      {asking ? <SafeText color={color('yellow')} wrap="truncate">{`  ${reasonLine(asking, width)}`}</SafeText> : null}
      {composerLines(draft, width, maxLines, !asking).map((line, i) => (
        <Text key={i} wrap="truncate">{`  ${line}`}</Text>
      ))}
    </Box>
  );
}
