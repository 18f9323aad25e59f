// How long ago an event was written, in the one-shot commands' text output ("5 minutes ago").
// A time less than FUTURE_SKEW_SEC ahead of our clock is clock skew, not the future, and reads as
// now: nostr-tools even dates a NIP-17 message with the second rounded up, so a message just
// written read "in 0 seconds". Further ahead it says so ("in 3 years").
import { formatDistanceStrict } from 'date-fns';
import { FUTURE_SKEW_SEC } from './timeline.js';

export function ago(createdAt: number, nowMs: number): string {
  const at = createdAt * 1000;
  const shown = at > nowMs && at <= nowMs + FUTURE_SKEW_SEC * 1000 ? nowMs : at;
  return formatDistanceStrict(new Date(shown), new Date(nowMs), { addSuffix: true });
}
