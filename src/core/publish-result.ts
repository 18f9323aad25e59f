// What one relay said to one EVENT (NIP-01 OK), or why it said nothing.
export type PublishOutcome = 'accepted' | 'rejected' | 'timeout' | 'unreachable';

export interface PublishResult {
  url: string;
  ok: boolean;
  outcome: PublishOutcome;
  /** The relay's OK message, or what went wrong; raw, sanitise before showing. */
  message: string;
}
