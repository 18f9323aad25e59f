// Errors meant for people. The CLI's one top-level catch prints `message` as a
// single line and exits with `exitCode`; nothing else is ever shown to the user.

/** Exit codes shared by every command. */
export const ExitCode = {
  ok: 0,
  /** The operation ran but failed (no relay accepted, wrong passphrase, …). */
  failed: 1,
  /** Bad input: unknown command, malformed argument, bad flag value. Nothing was changed. */
  usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class UserError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = ExitCode.usage) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/**
 * An edit refused because relays did not answer, so the newest copy of the list is unknown
 * (exit 1): how many of those asked were silent, for a place that says it in fewer words (the
 * UI's footer).
 */
export class NotAnsweredError extends UserError {
  constructor(
    message: string,
    readonly silent: number,
    readonly asked: number,
  ) {
    super(message, ExitCode.failed);
  }
}

/** Bad input from the user: exit 2, nothing changed. */
export const usageError = (message: string): UserError => new UserError(message, ExitCode.usage);
/** The operation failed for a reason the user can act on: exit 1. */
export const failure = (message: string): UserError => new UserError(message, ExitCode.failed);

/** An edit from the newest copy when there is no relay to ask at all (an empty relay list, discovery off). */
/** A command that signs, or reads the user's own lists, with no key stored. */
export const noKeyYet = (): UserError => failure('no key yet: run `nostr-tui key generate`, or `nostr-tui key import` to use one you have.');

export const NO_RELAYS_TO_ASK = (what: string): string =>
  `you have no relays to ask for your current ${what}, so nothing was changed: add one with \`nostr-tui relay add wss://…\` (or pass --relay).`;
