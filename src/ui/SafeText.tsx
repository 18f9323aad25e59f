// The one text boundary of the UI (issue #16 item 4, DESIGN §2 "Output"): ink's Text with every
// string child passed through sanitizeLine. Screens draw network text (names, notes, tags, relay
// messages, errors) with SafeText, so a path that forgot to sanitise still cannot reach the
// terminal raw. Sanitising is idempotent, so text already cleaned by layout is drawn unchanged.
import { Text, type TextProps } from 'ink';
import { Children, isValidElement, type ReactNode } from 'react';
import { RecentMap } from '../core/recent.js';
import { sanitizeLine } from '../core/sanitize.js';

// A screen draws the same lines again on every frame (a stream redraws them ~30 times a second):
// each is cleaned once and remembered among the last 2,000 lines cleaned.
const cleaned = new RecentMap<string, string>(2_000);

/** Strings and numbers are sanitised; elements (nested SafeText for styled spans) are kept. */
function clean(children: ReactNode): ReactNode {
  return Children.map(children, (child) => {
    if (typeof child === 'string') return cleaned.remember(child, sanitizeLine);
    if (typeof child === 'number' || typeof child === 'bigint') return String(child);
    if (isValidElement(child) || child == null || typeof child === 'boolean') return child;
    return sanitizeLine(String(child));
  });
}

export function SafeText({ children, ...props }: TextProps) {
  return <Text {...props}>{clean(children)}</Text>;
}
