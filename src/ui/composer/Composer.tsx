import { Box, Text, type Key } from 'ink';
import { wrapText } from '../../core/text-layout.js';
import { useColor } from '../context.js';
import { commandFor } from '../keys/bindings.js';
import { KeyPriority, useKeypress } from '../keys/keypress.js';
import type { ComposerAction, ComposerState } from './composer-state.js';
import { SafeText } from '../SafeText.js';

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
  const head = `── ${title} ${sending ? '(sending…) ' : ''}`;
  return (
    <Box flexDirection="column">
      <SafeText color={color('cyan')} wrap="truncate">
        {head + '─'.repeat(Math.max(0, width - head.length))}
      </SafeText>
      {composerLines(draft, width).map((line, i) => (
        <Text key={i} wrap="truncate">{`  ${line}`}</Text>
      ))}
    </Box>
  );
}

const editing = (key: Key): ComposerAction | undefined => {
  // Terminals send DEL (0x7f) for Backspace, which Ink names "delete".
  if (key.backspace || key.delete) return { type: 'backspace' };
  if (key.leftArrow) return { type: 'left' };
  if (key.rightArrow) return { type: 'right' };
  if (key.home) return { type: 'home' };
  if (key.end) return { type: 'end' };
  if (key.upArrow) return { type: 'up' };
  if (key.downArrow) return { type: 'down' };
  return undefined;
};

/** While the composer is open it takes every key: typing, editing, send, line break, cancel. */
export function useComposerKeys(
  isActive: boolean,
  edit: (action: ComposerAction) => void,
  on: { send(): void; cancel(): void },
): void {
  useKeypress(
    (input, key) => {
      const command = commandFor(['composer'], input, key);
      if (command === 'send') on.send();
      else if (command === 'cancel') on.cancel();
      else if (command === 'newline') edit({ type: 'insert', text: '\n' });
      else {
        const action = editing(key);
        if (action) edit(action);
        else if (key.ctrl && input === 'a') edit({ type: 'home' });
        else if (key.ctrl && input === 'e') edit({ type: 'end' });
        else if (input && !key.ctrl && !key.meta && !key.tab && !key.upArrow && !key.downArrow && !key.pageUp && !key.pageDown) {
          edit({ type: 'insert', text: input });
        }
      }
      return true;
    },
    { priority: KeyPriority.composer, isActive },
  );
}
