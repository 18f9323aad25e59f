import { memo } from 'react';
import { SafeText } from '../SafeText.js';
import { textWidth, truncate } from '../../core/text-layout.js';
import { useColor, useScreenSize } from '../context.js';
import type { RelayHealth } from '../hooks/use-relay-health.js';

/** One inverse line: who you are and where you are on the left, unread notifications and relays connected on the right. */
export const Header = memo(function Header({ name, title, health, unread = 0 }: { name: string; title: string; health: RelayHealth; unread?: number }) {
  const color = useColor();
  const { columns } = useScreenSize();
  const right = `${unread > 0 ? `Notifications ${unread}  ` : ''}relays ${health.connected}/${health.configured}${health.others > 0 ? ` +${health.others}` : ''} `;
  const left = truncate(` ${name} · ${title}`, columns - right.length - 1);
  const gap = Math.max(1, columns - textWidth(left) - right.length);
  return (
    <SafeText inverse bold color={color('blue')} wrap="truncate">
      {left + ' '.repeat(gap) + right}
    </SafeText>
  );
});
