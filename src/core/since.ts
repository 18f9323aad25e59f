// `--since 2h | 1d | 30m | 45s | 2w | <unix seconds>` -> unix seconds.
import { usageError } from './errors.js';
import { sanitizeLine } from './sanitize.js';

const UNIT_SEC: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** Unix seconds for `input`, relative to `nowSec`; throws a usage error (naming `flag`) for anything else. */
export function parseSince(input: string, nowSec: number, flag = '--since'): number {
  const text = input.trim();
  const relative = /^(\d{1,9})([smhdw])$/.exec(text);
  if (relative) return Math.max(0, nowSec - Number(relative[1]) * UNIT_SEC[relative[2]!]!);
  if (/^\d{1,12}$/.test(text)) {
    const unix = Number(text);
    if (unix <= nowSec) return unix;
    throw usageError(`${flag} ${text} is in the future; give a past unix time or a duration like 2h`);
  }
  throw usageError(`${flag} "${sanitizeLine(text.slice(0, 40))}" is not understood; use a duration like 30m, 2h, 1d, 2w or a unix time in seconds`);
}
