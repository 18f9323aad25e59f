// The work behind `nostr-tui profile` and `profile set`, loaded when the command runs (options in ../profile.ts).
import { nip05For, resolvePublicKey } from '../../client/public-key.js';
import { fetchProfile, setProfile } from '../../client/profile-edit.js';
import { parseProfile } from '../../client/profiles.js';
import { ExitCode, failure, usageError } from '../../core/errors.js';
import { npub } from '../../core/identifiers.js';
import { nip05Text, parseNip05, verifiedText } from '../../core/nip05.js';
import { profileObject, type ProfileChanges } from '../../core/profile-edit.js';
import { sanitize, sanitizeLine } from '../../core/sanitize.js';
import { storedPubkey } from '../../store/keys.js';
import { writeLine, type CommandContext } from '../context.js';
import { resultsJson, withClient, writeOutput } from '../with-client.js';
import type { ProfileArgs } from '../profile.js';
import { warnUnanswered } from './unanswered.js';

export async function showProfile(ctx: CommandContext, args: ProfileArgs): Promise<void> {
  const own = storedPubkey(ctx.paths.configDir);
  const nip05 = nip05For(ctx);
  const pubkey = args.who ? await resolvePublicKey(args.who, own, () => nip05) : own;
  if (!pubkey) throw usageError('no key yet, so no profile of yours: give an npub or name@domain, or run `nostr-tui key generate`.');
  await withClient(ctx, args, async (client) => {
    const lookup = await fetchProfile(client, pubkey);
    warnUnanswered(ctx, lookup, 'profile');
    const event = lookup.event;
    if (!event) {
      const why = lookup.answered === 0 ? `no relay answered (${lookup.relays.length} asked)` : 'none of your relays has it';
      throw failure(`no profile found for ${npub(pubkey)}: ${why}.`);
    }
    if (lookup.answered === 0) writeLine(ctx.stderr, 'nostr-tui: note: no relay answered; this is the local copy.');
    // The event as it was signed: JSON.stringify of the fields received, untouched.
    if (args.json) return writeLine(ctx.stdout, JSON.stringify(event));
    const profile = parseProfile(event);
    const fields = profileObject(event.content) ?? {};
    const text = (key: string) => (typeof fields[key] === 'string' && fields[key] ? sanitizeLine(fields[key] as string) : undefined);
    const names = [profile?.display_name, profile?.name].filter((n, i, all): n is string => !!n && all.indexOf(n) === i).map(sanitizeLine);
    writeLine(ctx.stdout, names.length ? names.join(' · ') : '(no name)');
    writeLine(ctx.stdout, npub(pubkey));
    // NIP-05: an address is an identity only once the domain maps it to this key.
    const address = profile?.nip05 ? parseNip05(profile.nip05) : undefined;
    if (address) {
      const check = await nip05.check(profile!.nip05!, pubkey);
      writeLine(ctx.stdout, check.verified ? verifiedText(address) : `NIP-05 ${nip05Text(address)}: not verified (${check.reason})`);
    } else if (profile?.nip05) {
      writeLine(ctx.stdout, 'NIP-05: malformed address, not verified');
    }
    if (profile?.about) for (const line of sanitize(profile.about).split('\n')) writeLine(ctx.stdout, `  ${line}`);
    for (const [key, label] of [['website', 'website'], ['lud16', 'lightning'], ['picture', 'picture'], ['banner', 'banner']] as const) {
      const value = text(key);
      if (value) writeLine(ctx.stdout, `${label}: ${value}`);
    }
  });
}

const CHANGES: ReadonlyArray<[keyof ProfileArgs, keyof ProfileChanges]> = [
  ['name', 'name'], ['displayName', 'display_name'], ['about', 'about'], ['picture', 'picture'],
  ['banner', 'banner'], ['website', 'website'], ['nip05', 'nip05'], ['lud16', 'lud16'],
];

export async function setProfileCommand(ctx: CommandContext, args: ProfileArgs): Promise<void> {
  const changes: ProfileChanges = {};
  for (const [arg, field] of CHANGES) {
    const value = args[arg];
    if (typeof value === 'string') changes[field] = value.trim();
  }
  if (Object.keys(changes).length === 0) {
    throw usageError('say what to change: e.g. `nostr-tui profile set --name alice --about "…"` (see `nostr-tui profile set --help`).');
  }
  await withClient(ctx, args, async (client) => {
    // Said once it is saved, each relay's answer as it comes (see post).
    const output = writeOutput(ctx, client, args.json);
    const { event, results, lookup, unchanged } = await setProfile(client, changes, (newest) =>
      output.hooks(() => `Profile published${newest.event ? ' (other fields kept from your newest profile)' : ''}.`),
    );
    warnUnanswered(ctx, lookup, 'profile');
    if (unchanged) {
      writeLine(ctx.stdout, args.json ? JSON.stringify({ id: event.id, unchanged: 'already' }) : 'Your newest profile already says that; nothing was sent.');
      return;
    }
    output.finish(results, () => ({ id: event.id, event, relays: resultsJson(results) }));
    // A new NIP-05 address is only an identity once its domain maps it to this key: say so now rather than let it look verified.
    if (changes.nip05 && !(await nip05For(client).verify(changes.nip05, event.pubkey))) {
      writeLine(ctx.stderr, `nostr-tui: note: ${sanitizeLine(changes.nip05)} does not map to your key yet; clients show it only once https://<domain>/.well-known/nostr.json does.`);
    }
    if (!results.some((result) => result.ok)) {
      writeLine(ctx.stderr, 'nostr-tui: no relay accepted the new profile; it is kept in the outbox (`nostr-tui outbox flush` sends it again).');
      ctx.exitCode = ExitCode.failed;
    }
  }, { retryOutbox: true });
}
