import { Box } from 'ink';
import { SafeText } from '../SafeText.js';
import { useEffect, useState } from 'react';
import { sanitizeLine } from '../../core/sanitize.js';
import { truncate } from '../../core/text-layout.js';
import type { RelayStatus } from '../../net/types.js';
import { useColor, useScreenSize, useServices } from '../context.js';

const stateColor: Record<RelayStatus['state'], string> = {
  idle: 'gray', connecting: 'yellow', connected: 'green', eose: 'green', error: 'red', closed: 'gray',
};

/** Each configured relay: state, round-trip time, what it sent, its last error or notice. */
export function RelaysScreen({ rows }: { rows: number }) {
  const services = useServices();
  const color = useColor();
  const { columns } = useScreenSize();
  const [status, setStatus] = useState(() => services.relayStatus());
  useEffect(() => services.onRelayStatus(setStatus), [services]);
  const byUrl = new Map(status.map((s) => [s.url, s]));
  const urls = [...new Set([...services.relays().map((r) => r.url), ...status.map((s) => s.url)])];
  const width = columns - 4;
  const lines: { text: string; color?: string; bold?: boolean }[] = [];
  for (const url of urls) {
    const s = byUrl.get(url);
    const spec = services.relays().find((r) => r.url === url);
    const marks = spec ? `${spec.read ? 'read' : ''}${spec.read && spec.write ? '+' : ''}${spec.write ? 'write' : ''}` : '';
    const state = s?.state ?? 'idle';
    lines.push({ text: `${sanitizeLine(url)}  ${state}${s?.rttMs !== undefined ? `  ${Math.round(s.rttMs)} ms` : ''}  ${marks}`, color: stateColor[state], bold: true });
    if (s) {
      const c = s.counts;
      lines.push({ text: `  events ${c.received} · dupes ${c.duplicates} · invalid ${c.invalid} · off-filter ${c.offFilter} · malformed ${c.malformed} · oversize ${c.oversize}` });
      if (s.error) lines.push({ text: `  error: ${sanitizeLine(s.error)}`, color: 'red' });
      if (s.notice) lines.push({ text: `  notice: ${sanitizeLine(s.notice)}` });
    }
  }
  if (urls.length === 0) lines.push({ text: 'No relays configured: run `nostr-tui relay add wss://…`' });
  return (
    <Box flexDirection="column" height={rows} overflow="hidden">
      {lines.slice(0, rows).map((line, i) => (
        <SafeText key={i} color={line.color ? color(line.color) : undefined} bold={line.bold} wrap="truncate">
          {`  ${truncate(line.text, width)}`}
        </SafeText>
      ))}
    </Box>
  );
}
