// The work behind `nostr-tui mute`, `unmute` and `mutes` (options in ../mute.ts).
import { currentMutes, mute, unmute } from '../../client/mutes.js';
import { nip05For, resolvePublicKey } from '../../client/public-key.js';
import { ExitCode, failure, usageError } from '../../core/errors.js';
import { isHexKey } from '../../core/identifiers.js';
import { muteTermOf, type MuteEntry } from '../../core/mutes.js';
import { isNip05 } from '../../core/nip05.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { storedPubkey } from '../../store/keys.js';
import { writeLine, type CommandContext } from '../context.js';
import { listEditOutput } from './list-edit.js';
import { withClient } from '../with-client.js';
import type { MuteArgs } from '../mute.js';
import { unknownList, warnListRead } from './unanswered.js';
import { cachedNames, namesFor, personText, type CachedNames } from './names.js';
import { cacheOf } from '../../client/client.js';

/** A key (any spelling) or NIP-05 address is a person; `#tag` a hashtag; anything else a word. */
async function entryOf(ctx: CommandContext, what: string): Promise<MuteEntry> {
  const text = what.trim();
  const keyLike = /^(nostr:)?(npub1|nprofile1|nsec1|ncryptsec1)/i.test(text) || isHexKey(text.toLowerCase()) || isNip05(text);
  if (keyLike) return { type: 'pubkey', value: await resolvePublicKey(text, storedPubkey(ctx.paths.configDir), () => nip05For(ctx)) };
  const term = muteTermOf(text);
  if (!term) throw usageError('say what to mute: an npub, name@domain, #hashtag or a word.');
  return term;
}

/** A person by name when the cache knows one (`Alice (npub1…)`), else the whole npub; `#tag`; `"word"`. */
const entryText = (entry: MuteEntry, names: CachedNames): string =>
  entry.type === 'pubkey' ? personText(names, entry.value) : entry.type === 'hashtag' ? `#${sanitizeLine(entry.value)}` : `"${sanitizeLine(entry.value)}"`;

const mutedPeople = (entries: readonly MuteEntry[]): string[] => entries.filter((entry) => entry.type === 'pubkey').map((entry) => entry.value);

const UNCHANGED = {
  self: () => 'That is your own key; nothing to change.',
  'already-muted': (what: string) => `${what} is already muted; nothing changed.`,
  'not-muted': (what: string) => `${what} is not muted; nothing changed.`,
  // Another client muted them in the list's encrypted part, which nostr-tui reads but never changes.
  'muted-privately': (what: string, action: 'mute' | 'unmute') =>
    action === 'mute'
      ? `${what} is already muted, in the private part of your mute list; nothing changed.`
      : `${what} is muted in the private part of your mute list, which nostr-tui leaves as another client wrote it; unmute them there. Nothing changed.`,
} as const;

export async function editMutes(ctx: CommandContext, args: MuteArgs, action: 'mute' | 'unmute'): Promise<void> {
  const entry = await entryOf(ctx, args.what ?? '');
  await withClient(ctx, args, async (client) => {
    const output = listEditOutput(ctx, client, args.json, {
      noun: 'mute list',
      unchanged: (why: keyof typeof UNCHANGED) => UNCHANGED[why](entryText(entry, cachedNames(cacheOf(client), mutedPeople([entry]))), action),
      done: () => `${action === 'mute' ? 'Muted' : 'Unmuted'} ${entryText(entry, cachedNames(cacheOf(client), mutedPeople([entry])))}.`,
    });
    const change = await (action === 'mute' ? mute : unmute)(client, entry, output.hooks);
    output.finish(change);
    // Asked to unmute someone who stays muted: not done.
    if (action === 'unmute' && change.unchanged === 'muted-privately') ctx.exitCode = ExitCode.failed;
  }, { retryOutbox: true });
}

export async function listMutes(ctx: CommandContext, args: MuteArgs): Promise<void> {
  await withClient(ctx, args, async (client) => {
    const current = await currentMutes(client);
    if (current.answered === 0 && !current.event) throw failure(unknownList(current.relays.length, 'mute list'));
    warnListRead(ctx, current, 'mute list');
    // A relay that stalled on the list is not waited for again for names.
    client.stalled.learn(current.relays);
    // The private part's entries too (NIP-51; put there by other clients), marked as such.
    const isPublic = new Set(current.entries.map((entry) => `${entry.type}:${entry.value}`));
    const privately = current.privateEntries.filter((entry) => !isPublic.has(`${entry.type}:${entry.value}`));
    if (current.event?.content && privately.length === 0 && !(await client.signerAtHand())) {
      writeLine(ctx.stderr, 'nostr-tui: note: your mute list also has a private part, which is read with your key: set NOSTR_TUI_PASSPHRASE to list it too.');
    }
    if (args.json) return writeLine(ctx.stdout, JSON.stringify([...current.entries, ...privately.map((entry) => ({ ...entry, private: true }))]));
    if (current.entries.length + privately.length === 0) return writeLine(ctx.stdout, 'You muted nothing: `nostr-tui mute <npub|name@domain|#hashtag|word>` adds something.');
    const names = await namesFor(client, mutedPeople([...current.entries, ...privately]));
    for (const entry of current.entries) writeLine(ctx.stdout, entryText(entry, names));
    for (const entry of privately) writeLine(ctx.stdout, `${entryText(entry, names)}  (private)`);
  });
}
