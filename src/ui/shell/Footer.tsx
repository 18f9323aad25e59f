import { memo } from 'react';
import { Box, Text } from 'ink';
import { SafeText } from '../SafeText.js';
import { fits, truncate, wrapText } from '../../core/text-layout.js';
import { useColor, useScreenSize } from '../context.js';
import type { StatusMessage } from '../status.js';

/** Two lines: what just happened (or a standing problem), then the keys that work on this screen. */
export const Footer = memo(function Footer({ status, hints }: { status?: StatusMessage; hints: string }) {
  const color = useColor();
  const { columns } = useScreenSize();
  const tone = status?.tone === 'error' ? color('red') : status?.tone === 'ok' ? color('green') : undefined;
  if (status && !status.seen && !fits(` ${status.text}`, columns)) {
    // Over both rows, the key hints left out for this message (issue #13: a copied nevent1… shown whole).
    const [first = ' ', second = ' '] = wrapText(status.text, columns - 1, 2).map((line) => ` ${line}`);
    return (
      <Box flexDirection="column">
        <SafeText color={tone} wrap="truncate">{first}</SafeText>
        <SafeText color={tone} wrap="truncate">{second}</SafeText>
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <SafeText color={tone} wrap="truncate">
        {status ? truncate(` ${status.text}`, columns) : ' '}
      </SafeText>
      <Text dimColor wrap="truncate">
        {truncate(` ${hints}`, columns)}
      </Text>
    </Box>
  );
});
