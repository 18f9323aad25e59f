// The order of private messages (NIP-17) as both faces show them. A rumor's
// created_at has one-second resolution, and several messages written in one
// second are common; their ids are random, so ordering ties by id shuffled
// them. Ties go by arrival instead: the order this client first held each
// message (the user's own in the order they were saved when sent, others' in
// the order they were received), which the cache keeps across restarts
// (src/client/dms.ts). A date further ahead than FUTURE_SKEW_SEC is held back
// until its time comes, as the timeline does (src/core/timeline.ts): a hostile
// or broken clock cannot pin a message above every newer one.
import { FUTURE_SKEW_SEC } from './timeline.js';

export interface Arrived {
  rumor: { created_at: number };
  /** Rank in the order this client first held the message (lower first). */
  arrival: number;
}

/** Oldest first; messages written in the same second in the order they arrived. */
export const byWritten = (a: Arrived, b: Arrived): number => a.rumor.created_at - b.rumor.created_at || a.arrival - b.arrival;

/** False while the message is dated more than FUTURE_SKEW_SEC after `nowSec`: it is held back. */
export const isDue = (message: Arrived, nowSec: number): boolean => message.rumor.created_at <= nowSec + FUTURE_SKEW_SEC;
