// The work behind `nostr-tui dm`, loaded when the command runs (its options are in ../dm.ts).
import type { Conversation, DmMessage, Dms } from '../../client/dms.js';
import { createDms } from '../../client/dms.js';
import { sendDm, type SentWrap, type WrapRoute } from '../../client/dm-send.js';
import { type Client } from '../../client/client.js';
import { conversationId } from '../../core/dm.js';
import type { DropReason } from '../../core/dm-wrap.js';
import { ExitCode, usageError } from '../../core/errors.js';
import { npub } from '../../core/identifiers.js';
import { nip05For, resolvePublicKey } from '../../client/public-key.js';
import { sanitize, sanitizeLine } from '../../core/sanitize.js';
import { refuseSecretIn } from '../../core/secret-in-text.js';
import { readAllStdin } from '../../store/passphrase.js';
import { storedPubkey } from '../../store/keys.js';
import { writeLine, type CommandContext } from '../context.js';
import { namesFor } from './names.js';
import { resultsJson, withClient, writeResults } from '../with-client.js';
import type { DmArgs } from '../dm.js';
import { ago } from '../../core/ago.js';
import { truncate } from '../../core/text-layout.js';
import { FUTURE_SKEW_SEC } from '../../core/timeline.js';

/** Columns of the last message shown under each conversation; a longer one ends in `…`. */
const PREVIEW_WIDTH = 70;

const ROUTE_TEXT: Record<WrapRoute, string> = {
  'dm-relays': 'their DM relays (kind 10050)',
  'read-relays': 'their read relays (NIP-65; they have no DM relay list)',
  'own-read-relays': 'your read relays (you have no DM relay list: `nostr-tui relay add <url> --dm`)',
  pinned: 'the --relay relays',
};

const DROP_TEXT: Record<DropReason, string> = {
  'not-for-me': 'not addressed to you',
  undecryptable: 'could not be decrypted',
  'bad-seal': 'malformed seal',
  'forged-seal': 'seal signature invalid',
  'sender-mismatch': 'author differs from the seal signer',
  'bad-rumor': 'malformed message',
  'not-a-message': 'not a chat message',
};

async function messageText(ctx: CommandContext, words: readonly string[], literal: readonly string[]): Promise<string> {
  if (words.length === 1 && words[0] === '-' && literal.length === 0) {
    if (ctx.stdin.isTTY) writeLine(ctx.stderr, 'Type the message; end it with Ctrl-D on a line of its own.');
    return (await readAllStdin(ctx.stdin)).replace(/\r?\n$/, '');
  }
  const option = words.find((word) => /^--?[A-Za-z]/.test(String(word)));
  if (option !== undefined) {
    throw usageError(`unknown option ${sanitizeLine(String(option)).slice(0, 40)} for dm send; to send text that starts with "-", put it after \`--\`.`);
  }
  return [...words, ...literal].map(String).join(' ');
}

/**
 * The people `who` names: each argument may name several, comma-separated (no npub, hex key or
 * NIP-05 address holds a comma). Each once; the user's own key only when it is the only one
 * (a note to self), since their copy goes out anyway.
 */
async function people(ctx: CommandContext, who: DmArgs['who'], own: string | undefined): Promise<string[]> {
  const names = (Array.isArray(who) ? who : [who ?? '']).flatMap((w) => String(w).split(',')).map((w) => w.trim()).filter(Boolean);
  const keys = [...new Set(await Promise.all((names.length > 0 ? names : ['']).map((w) => resolvePublicKey(w, own, () => nip05For(ctx)))))];
  const others = keys.filter((key) => key !== own);
  return others.length > 0 ? others : keys;
}

export async function send(ctx: CommandContext, args: DmArgs): Promise<void> {
  const own = storedPubkey(ctx.paths.configDir);
  const peers = await people(ctx, args.who, own);
  const text = await messageText(ctx, args.text ?? [], (args._ ?? []).slice(2).map(String));
  if (text.trim() === '') throw usageError('the message is empty: give the text, e.g. `nostr-tui dm send npub1… "hi"`, or `-` to read it from stdin.');
  refuseSecretIn('message', text, own);
  await withClient(ctx, args, async (client) => {
    // Each wrap's relays as soon as they have all answered: one that never does holds back only its own.
    const said = (wrap: SentWrap) => {
      const own = wrap.recipient === client.publicKey();
      const who = own && !peers.includes(wrap.recipient) ? 'Your copy' : `To ${npub(wrap.recipient)}`;
      writeLine(ctx.stdout, `${who}: sent to ${own && wrap.route === 'dm-relays' ? 'your DM relays (kind 10050)' : ROUTE_TEXT[wrap.route]}`);
      writeResults(ctx, wrap.results);
    };
    const sent = await sendDm(client, peers, text, { toReadRelays: !!args.toReadRelays, ...(args.json ? {} : { onSent: said }) });
    // A group message is delivered when every one of them has it on at least one relay.
    const undelivered = peers.filter((peer) => !sent.wraps.find((wrap) => wrap.recipient === peer)?.results.some((result) => result.ok));
    if (args.json) {
      writeLine(
        ctx.stdout,
        JSON.stringify({
          id: sent.rumor.id,
          rumor: sent.rumor,
          wraps: sent.wraps.map((wrap) => ({ recipient: wrap.recipient, id: wrap.event.id, route: wrap.route, relays: resultsJson(wrap.results) })),
        }),
      );
    }
    if (undelivered.length > 0) {
      const whose = peers.length === 1 ? 'the recipient' : undelivered.map(npub).join(', ');
      writeLine(ctx.stderr, `nostr-tui: no relay of ${whose} accepted the message; it is kept in the outbox (\`nostr-tui outbox flush\` sends it again).`);
      ctx.exitCode = ExitCode.failed;
    }
  }, { retryOutbox: true });
}

/** Loads the inbox; says on stderr what was dropped and when no relay answered. */
async function loadInbox(ctx: CommandContext, client: Client): Promise<Dms> {
  const dms = createDms(client);
  const { relays } = await dms.load();
  if (relays.length > 0 && !relays.some((relay) => relay.eose)) {
    writeLine(ctx.stderr, `nostr-tui: note: none of your ${relays.length} DM relays answered; these are the messages in the local cache.`);
  }
  const dropped = Object.entries(dms.dropped()) as [DropReason, number][];
  if (dropped.length > 0) {
    const total = dropped.reduce((sum, [, n]) => sum + n, 0);
    writeLine(ctx.stderr, `nostr-tui: note: ${total} wrapped message${total === 1 ? '' : 's'} dropped (${dropped.map(([why, n]) => `${n} ${DROP_TEXT[why]}`).join(', ')}).`);
  }
  const held = dms.heldBack();
  if (held > 0) {
    const them = held === 1 ? '1 message is' : `${held} messages are`;
    writeLine(ctx.stderr, `nostr-tui: note: ${them} dated more than ${FUTURE_SKEW_SEC / 60} minutes ahead of your clock; held back until then.`);
  }
  return dms;
}

/** People by name (`Alice (npub1…)`), as in `timeline`. */
const peopleNames = async (client: Client, pubkeys: readonly string[]) => {
  const names = await namesFor(client, pubkeys);
  return { label: names.label, list: (peers: readonly string[]) => peers.map(names.label).join(', ') };
};

export async function list(ctx: CommandContext, args: DmArgs): Promise<void> {
  await withClient(ctx, args, async (client) => {
    const conversations = (await loadInbox(ctx, client)).conversations();
    if (args.json) {
      writeLine(ctx.stdout, JSON.stringify(conversations.map((c: Conversation) => ({ peers: c.peers, npubs: c.peers.map(npub), lastAt: c.lastAt, count: c.count, unread: c.unread }))));
      return;
    }
    if (conversations.length === 0) writeLine(ctx.stdout, 'No private messages yet: `nostr-tui dm send <npub> <text>` starts a conversation.');
    const names = await peopleNames(client, conversations.flatMap((c) => c.peers));
    for (const c of conversations) {
      const unread = c.unread > 0 ? `  ${c.unread} unread` : '';
      writeLine(ctx.stdout, `${names.list(c.peers)}  ${ago(c.lastAt, ctx.clock.now())}  ${c.count} message${c.count === 1 ? '' : 's'}${unread}`);
      writeLine(ctx.stdout, `  ${c.last.mine ? 'you: ' : ''}${truncate(sanitizeLine(c.last.rumor.content), PREVIEW_WIDTH)}`);
    }
  }, { openCache: true });
}

export async function read(ctx: CommandContext, args: DmArgs): Promise<void> {
  const own = storedPubkey(ctx.paths.configDir);
  const who = await people(ctx, args.who, own);
  if (args.limit !== undefined && (!Number.isInteger(args.limit) || args.limit < 1)) throw usageError('--limit takes a whole number above 0, like 20.');
  await withClient(ctx, args, async (client) => {
    const dms = await loadInbox(ctx, client);
    let messages: DmMessage[] = dms.thread(conversationId(who));
    if (args.limit !== undefined) messages = messages.slice(-args.limit);
    const names = await peopleNames(client, args.json ? [] : who);
    for (const message of messages) {
      if (args.json) writeLine(ctx.stdout, JSON.stringify({ rumor: message.rumor, from: message.from, mine: message.mine }));
      else {
        writeLine(ctx.stdout, `${message.mine ? 'you' : names.label(message.from)} · ${ago(message.rumor.created_at, ctx.clock.now())}`);
        for (const line of sanitize(message.rumor.content).split('\n')) writeLine(ctx.stdout, `  ${line}`);
      }
    }
    if (messages.length === 0 && !args.json) writeLine(ctx.stdout, `No messages with ${names.list(who)} yet.`);
    // Shown is read.
    dms.markRead(messages.map((message) => message.rumor.id));
  }, { openCache: true });
}
