// What an edit of one of the user's lists (follow, mute, bookmark list) did, said the same way by
// every command that makes one: `--json`, or a line for people and each relay's answer. Exit 1
// when no relay accepted it: it waits in the outbox.
import type { ListChange } from '../../client/own-list-edit.js';
import { ExitCode } from '../../core/errors.js';
import { writeLine, type CommandContext } from '../context.js';
import { resultsJson, writeResults } from '../with-client.js';
import { warnUnanswered } from './unanswered.js';

/** `noun`: "follow list"; `done` and `unchanged`: the line for people when it changed or did not. */
export function writeListEdit(ctx: CommandContext, json: boolean | undefined, change: ListChange<string>, say: { noun: string; done(): string; unchanged(): string }): void {
  warnUnanswered(ctx, change.lookup, say.noun);
  if (json) {
    writeLine(ctx.stdout, JSON.stringify({
      changed: change.changed,
      ...(change.unchanged ? { reason: change.unchanged } : {}),
      ...(change.event ? { id: change.event.id, event: change.event } : {}),
      relays: resultsJson(change.results),
    }));
  } else if (!change.changed) {
    writeLine(ctx.stdout, say.unchanged());
  } else {
    writeLine(ctx.stdout, say.done());
    writeResults(ctx, change.results);
  }
  if (change.changed && !change.results.some((result) => result.ok)) {
    writeLine(ctx.stderr, `nostr-tui: no relay accepted the new ${say.noun}; it is kept in the outbox (\`nostr-tui outbox flush\` sends it again).`);
    ctx.exitCode = ExitCode.failed;
  }
}
