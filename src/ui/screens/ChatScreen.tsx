// One private conversation (NIP-17): messages by time, the user's own on the
// right, a composer at the bottom with the note composer's editing keys. It
// opens on the newest and scrolls back with the list keys (PgUp/PgDn while the
// composer is open too); what has been on screen is marked read, nothing else.
// New messages arrive live. The composer stays
// open after a send; Esc closes it (the draft is kept), Enter, r or n opens it
// again, Esc again goes back. The draft lives with the app, not this screen: going
// back and opening the chat again finds it.
import { Box } from 'ink';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { npubEncode } from 'nostr-tools/nip19';
import { isHex64 } from '../../core/event-shape.js';
import { shortKey } from '../../core/mentions.js';
import { sanitize, sanitizeLine } from '../../core/sanitize.js';
import { padToWidth, textWidth, wrapText } from '../../core/text-layout.js';
import { ComposerView, composerHeight, composerLinesIn } from '../composer/Composer.js';
import type { ComposerState } from '../composer/composer-state.js';
import { useComposer } from '../composer/use-composer.js';
import { useColor, useScreenSize, useServices } from '../context.js';
import { useDmsVersion } from '../hooks/use-dms.js';
import { useNow } from '../hooks/use-now.js';
import { commandFor, type Command } from '../keys/bindings.js';
import { KeyPriority, useKeypress } from '../keys/keypress.js';
import { atNewest, chatScrolled, chatStart, seenIn, type ChatBlock, type ChatMove, type ChatScroll } from '../list/chat-scroll.js';
import { useConfirm } from '../confirm/use-confirm.js';
import { age } from '../notes/note-layout.js';
import { SafeText } from '../SafeText.js';
import type { DmLike } from '../services.js';
import type { StatusMessage } from '../status.js';

interface ChatLine {
  /** The message's id. */
  id: string;
  text: string;
  mine: boolean;
  meta: boolean;
}

/** Every message as lines: a name/time line, then the text wrapped to a bubble's width; the user's right-aligned. */
export function chatLines(messages: readonly DmLike[], width: number, now: number, nameOf: (pubkey: string) => string): ChatLine[] {
  const bubble = Math.max(10, Math.min(width - 4, Math.floor(width * 0.75)));
  const right = (text: string) => padToWidth('', Math.max(0, width - textWidth(text))) + text;
  const lines: ChatLine[] = [];
  for (const message of messages) {
    const meta = `${message.mine ? 'you' : nameOf(message.from)} · ${age(message.created_at, now)}`;
    const body = wrapText(sanitize(message.content), bubble);
    lines.push({ id: message.id, text: message.mine ? right(meta) : meta, mine: message.mine, meta: true });
    for (const line of body) lines.push({ id: message.id, text: message.mine ? right(line) : line, mine: message.mine, meta: false });
  }
  return lines;
}

/** The lines grouped back into their messages, in order. */
function blocksOf(lines: readonly ChatLine[]): ChatBlock[] {
  const blocks: ChatBlock[] = [];
  for (const line of lines) {
    const last = blocks[blocks.length - 1];
    if (last && last.id === line.id) last.height++;
    else blocks.push({ id: line.id, height: 1 });
  }
  return blocks;
}

const moves: Partial<Record<Command, ChatMove>> = { down: 'down', up: 'up', pageDown: 'pageDown', pageUp: 'pageUp', top: 'top', bottom: 'bottom' };

/**
 * The line printed under an unsent chat draft on quit: whom it was for, by the full npubs
 * `nostr-tui dm send` takes (a name alone cannot be sent to), with each one's name when a profile
 * gives one (from the network: sanitised).
 */
export function privateMessageTo(peers: readonly string[], nameOf: (pubkey: string) => string): string {
  const who = peers.map((pubkey) => {
    const name = sanitizeLine(nameOf(pubkey)).trim();
    const npub = isHex64(pubkey) ? npubEncode(pubkey) : shortKey(pubkey);
    return name && name !== shortKey(pubkey) ? `${name} (${npub})` : npub;
  });
  return `(a private message to ${who.join(', ')})`;
}

export function ChatScreen(props: { peers: string[]; rows: number; active: boolean; nameOf(pubkey: string): string; setStatus(status: StatusMessage): void; onDrafts?: ((source: string, drafts: string[]) => void) | undefined;
  /** This chat's drafts, kept by the app while it runs. */
  drafts?: Map<string, ComposerState> | undefined;
}) {
  const services = useServices();
  const { dms } = services;
  const { columns } = useScreenSize();
  const color = useColor();
  const version = useDmsVersion(dms);
  const now = useNow();
  const messages = dms?.thread(props.peers) ?? [];
  const latest = useRef(props);
  latest.current = props;
  const confirm = useConfirm((status) => latest.current.setStatus(status));
  // While a question is open the composer lets go of the keys, so y or n answers it.
  const [asking, setAsking] = useState(false);
  // A yes to the read relays holds for the rest of this open chat, not for the next one.
  const toReadRelays = useRef(false);
  const composer = useComposer({
    // True once the message is saved (the composer is free for the next one); the footer then
    // follows the relays' answers.
    send: (text) =>
      new Promise<boolean>((resolve) => {
        if (!dms) return resolve(false);
        const { peers, nameOf } = latest.current;
        const onSaved = () => {
          latest.current.setStatus({ text: 'message: sending…', tone: 'info' });
          resolve(true);
        };
        void (async () => {
          let result = await dms.send(peers, text, { toReadRelays: toReadRelays.current, onSaved });
          // NIP-17 sends to the DM relays a person lists (kind 10050). Without a list their NIP-65 read
          // relays may still reach them, but that is the user's call, asked here (the CLI's --to-read-relays).
          if (!result.ok && result.noDmRelayList) {
            const who = result.noDmRelayList.map(nameOf).join(', ');
            setAsking(true);
            const yes = await new Promise<boolean>((answer) =>
              confirm.ask(`send to their read relays? y/n (${who}: no DM relay list, kind 10050)`, () => answer(true), () => answer(false)),
            );
            setAsking(false);
            // No: the draft stays, and the footer says "cancelled".
            if (!yes) return resolve(false);
            toReadRelays.current = true;
            result = await dms.send(peers, text, { toReadRelays: true, onSaved });
          }
          latest.current.setStatus({ text: result.text, tone: result.ok ? 'ok' : 'error' });
          resolve(result.ok);
          // The app ends on an unhandled rejection (src/ui/run.tsx): whatever failed here keeps the draft.
        })().catch(() => resolve(false));
      }),
    onEmpty: () => latest.current.setStatus({ text: 'nothing to send: type a message, or Esc to close the composer', tone: 'info' }),
    // Printed on quit with whom it was for, so `dm send` can send it.
    onDrafts: (drafts) => {
      const { peers, nameOf, onDrafts } = latest.current;
      onDrafts?.(`chat:${peers.join(',')}`, drafts.map((draft) => `${draft}\n${privateMessageTo(peers, nameOf)}`));
    },
    disabled: !props.active || asking,
    stayOpen: true,
    ...(props.drafts ? { drafts: props.drafts } : {}),
  });
  // The composer is open when the chat opens.
  const opened = useRef(false);
  // In the commit that opens the chat (a layout effect), so what is typed right after Enter lands
  // in it: a key waits for the render of the one before, not for the effects that run later.
  useLayoutEffect(() => {
    if (props.active && !opened.current && dms) {
      opened.current = true;
      composer.show();
    }
  }, [props.active, dms, composer]);
  useEffect(() => services.profiles.request(props.peers), [services, props.peers]);
  const width = Math.max(10, columns - 2);
  // At least one row stays for the messages.
  const composerMax = composerLinesIn(props.rows - 1);
  // The composer opening with the chat counts already in the commit before it shows: what that
  // commit would mark read is what the user sees.
  const composing = composer.open || (props.active && !!dms && !opened.current);
  const composerRows = composing ? composerHeight(composer.draft, columns, undefined, composerMax) : 0;
  // Closed, the composer's rows are the messages': the screen stays exactly `rows` tall.
  const listRows = Math.max(1, props.rows - composerRows);
  const all = chatLines(messages, width, now, props.nameOf);
  const blocks = blocksOf(all);
  const [scroll, setScroll] = useState<ChatScroll>(atNewest);
  const start = chatStart(scroll, blocks, listRows);
  const lines = all.slice(start, start + listRows);
  const seen = seenIn(blocks, start, listRows).join(',');

  // Seen is read: what an open chat has on screen, including what arrives live while it shows the
  // newest; a message scrolled past unseen, or arriving below while the reader is scrolled back, is not.
  useEffect(() => {
    if (!props.active || !seen) return;
    const shown = new Set(seen.split(','));
    dms?.markRead(messages.filter((message) => !message.mine && shown.has(message.id)).map((message) => message.id));
  }, [props.active, version, dms, seen]);

  const move = (command: Command | undefined): boolean => {
    const to = command && moves[command];
    if (!to) return false;
    setScroll((was) => chatScrolled(was, to, blocks, listRows));
    return true;
  };
  useKeypress(
    (input, key) => {
      // `n` too: in a private conversation it writes there, never a public note.
      const command = commandFor(['list', 'global'], input, key);
      if (move(command)) return true;
      if (command !== 'open' && command !== 'reply' && command !== 'compose') return false;
      if (dms) composer.show();
      return true;
    },
    { priority: KeyPriority.screen, isActive: props.active && !composer.open },
  );
  // While writing, PgUp/PgDn still scroll (the composer has no use for them): ahead of it. Not
  // Space, the lists' other page key: that is the composer's.
  useKeypress(
    (_input, key) => (key.pageUp ? move('pageUp') : key.pageDown ? move('pageDown') : false),
    { priority: KeyPriority.composer + 1, isActive: props.active && composer.open && !asking },
  );
  const empty = !dms ? 'private messages are not available here' : (dms.problem() ?? 'no messages yet: write below and press Enter');
  const title = `To ${props.peers.map(props.nameOf).join(', ')} (private, NIP-17)`;
  return (
    <Box flexDirection="column" height={props.rows}>
      <Box flexDirection="column" height={listRows}>
        {lines.length === 0 ? <SafeText dimColor>{`  ${empty}`}</SafeText> : null}
        {lines.map((line, i) => (
          <SafeText key={i} wrap="truncate" dimColor={line.meta} {...(line.mine && !line.meta ? { color: color('cyan') } : {})}>
            {` ${line.text}`}
          </SafeText>
        ))}
      </Box>
      {composer.open ? <ComposerView draft={composer.draft} title={title} width={columns} sending={composer.sending} maxLines={composerMax} /> : null}
    </Box>
  );
}
