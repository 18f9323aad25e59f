// What an edit of one of the user's lists (follow, mute, bookmark list) did, said the same way by
// every command that makes one: `--json`, or a line for people once the new list is saved and each
// relay's answer as it comes. Exit 1 when no relay accepted it: it waits in the outbox.
import type { VerifiedEvent } from 'nostr-tools';
import type { ListChange } from '../../client/own-list-edit.js';
import { ExitCode } from '../../core/errors.js';
import type { Client } from '../../client/client.js';
import { writeLine, type CommandContext } from '../context.js';
import { resultsJson, writeOutput } from '../with-client.js';
import { warnUnanswered } from './unanswered.js';

/** `noun`: "follow list"; `done`: the line for people once the new list is saved; `unchanged`: the line when nothing changed. */
export interface ListEditWords<Unchanged extends string> {
  noun: string;
  done(event: VerifiedEvent): string;
  unchanged(why: Unchanged): string;
}

/** The hooks to hand the edit (undefined with --json: one object at the end), and what ends the output once it is made. */
export function listEditOutput<Unchanged extends string>(ctx: CommandContext, client: Client, json: boolean | undefined, say: ListEditWords<Unchanged>) {
  const output = writeOutput(ctx, client, json);
  return {
    hooks: output.hooks(say.done),
    finish(change: ListChange<Unchanged>): void {
      warnUnanswered(ctx, change.lookup, say.noun);
      if (!json && !change.changed) {
        writeLine(ctx.stdout, say.unchanged(change.unchanged!));
      } else {
        output.finish(change.results, () => ({
          changed: change.changed,
          ...(change.unchanged ? { reason: change.unchanged } : {}),
          ...(change.event ? { id: change.event.id, event: change.event } : {}),
          relays: resultsJson(change.results),
        }));
      }
      if (change.changed && !change.results.some((result) => result.ok)) {
        writeLine(ctx.stderr, `nostr-tui: no relay accepted the new ${say.noun}; it is kept in the outbox (\`nostr-tui outbox flush\` sends it again).`);
        ctx.exitCode = ExitCode.failed;
      }
    },
  };
}
