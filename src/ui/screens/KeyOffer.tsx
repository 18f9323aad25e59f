import { Box, Text } from 'ink';
import { useState } from 'react';
import { commandFor } from '../keys/bindings.js';
import { KeyPriority, useKeypress } from '../keys/keypress.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { useColor, useServices } from '../context.js';

/** First run without a key: offer to create one here, or to import one with the CLI. */
export function KeyOffer({ rows, onDone }: { rows: number; onDone(created: boolean): void }) {
  const services = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const color = useColor();
  useKeypress(
    (input, key) => {
      const command = commandFor(['offer'], input, key);
      if (command === 'createKey' && !busy) {
        setBusy(true);
        services.createKey().then(
          () => onDone(true),
          (e: unknown) => {
            setBusy(false);
            setError(sanitizeLine(e instanceof Error ? e.message : String(e)));
          },
        );
        return true;
      }
      if (command === 'skipKey') {
        onDone(false);
        return true;
      }
      // q, Q, Ctrl-C and ? still work; other keys wait for an answer.
      const global = commandFor(['global'], input, key);
      return global !== 'quit' && global !== 'quitNow' && global !== 'help';
    },
    { priority: KeyPriority.offer },
  );
  return (
    <Box flexDirection="column" height={rows} paddingX={2} paddingY={1}>
      <Text bold>You have no Nostr key yet.</Text>
      <Text> </Text>
      <Text>Press c to create a new key. It is stored, readable only by you, in:</Text>
      <Text>{`  ${services.keyLocation}`}</Text>
      <Text> </Text>
      <Text>To use a key you already have, quit (q) and run `nostr-tui key import`.</Text>
      <Text>Press s or Esc to read without a key (you can't post, like or follow).</Text>
      {busy ? <Text>Creating a key…</Text> : null}
      {error ? <Text color={color('red')}>{`Could not create a key: ${error}`}</Text> : null}
    </Box>
  );
}
