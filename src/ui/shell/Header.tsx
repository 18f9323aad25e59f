import { memo } from 'react';
import { SafeText } from '../SafeText.js';
import { padToWidth, textWidth, truncate } from '../../core/text-layout.js';
import { useColor, useScreenSize } from '../context.js';
import type { RelayHealth } from '../hooks/use-relay-health.js';

/** Below this many columns a cut view name says too little: the right side goes instead. */
const MIN_TITLE = 12;
/** The user's name is shortened down to this many columns before it is left out. */
const MIN_NAME = 6;

/**
 * The header's text, exactly `columns` wide: who you are and where you are on the left, unread
 * notifications and relays connected on the right. When it does not fit, the user's name gives
 * way first (shortened, then left out), then the right side (`7 new  2/2`, then nothing): the
 * view's name is cut last.
 */
export function headerText(name: string, title: string, health: RelayHealth, unread: number, columns: number): string {
  const others = health.others > 0 ? ` +${health.others}` : '';
  const full = `${unread > 0 ? `Notifications ${unread}  ` : ''}relays ${health.connected}/${health.configured}${others} `;
  const short = `${unread > 0 ? `${unread} new  ` : ''}${health.connected}/${health.configured}${others} `;
  const line = (left: string, right: string) => left + ' '.repeat(Math.max(1, columns - textWidth(left) - textWidth(right))) + right;
  const fits = (left: string, right: string) => textWidth(left) + 1 + textWidth(right) <= columns;
  const where = ` ${title}`;
  for (const right of [full, short]) {
    const named = ` ${name} · ${title}`;
    if (fits(named, right)) return line(named, right);
    const room = columns - textWidth(right) - 1 - textWidth(` · ${title}`) - 1;
    if (room >= MIN_NAME) return line(` ${truncate(name, room)} · ${title}`, right);
    if (fits(where, right)) return line(where, right);
  }
  const room = columns - textWidth(short) - 1;
  if (room >= MIN_TITLE + 1) return line(truncate(where, room), short);
  return padToWidth(truncate(where, columns), columns);
}

/** One inverse line (src/ui/shell/Header.tsx headerText). */
export const Header = memo(function Header({ name, title, health, unread = 0 }: { name: string; title: string; health: RelayHealth; unread?: number }) {
  const color = useColor();
  const { columns } = useScreenSize();
  return (
    <SafeText inverse bold color={color('blue')} wrap="truncate">
      {headerText(name, title, health, unread, columns)}
    </SafeText>
  );
});
