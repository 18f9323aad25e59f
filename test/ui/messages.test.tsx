// The Messages view and the chat over the real services (src/ui/wire.ts ->
// client -> pool, store) against the real relay, with messages wrapped by
// nostr-tools' own NIP-17 code: the conversation list with its unread count,
// the chat, sending from the chat composer, a live incoming message, and read
// marks that outlast the chat. At 80x24.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { render } from 'ink-testing-library';
import * as nip17 from 'nostr-tools/nip17';
import * as nip19 from 'nostr-tools/nip19';
import * as nip59 from 'nostr-tools/nip59';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { systemClock } from '../../src/core/clock.js';
import { shortNpub } from '../../src/core/identifiers.js';
import { textWidth } from '../../src/core/text-layout.js';
import { App } from '../../src/ui/App.js';
import { createServices, type WiredServices } from '../../src/ui/wire.js';
import { KeyStore } from '../../src/store/keys.js';
import { resolvePaths } from '../../src/store/paths.js';
import { startNip05Server, type Nip05Server } from '../helpers/nip05-server.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';
import { keys, waitForFrame } from './frames.js';

const me = generateSecretKey();
const alice = generateSecretKey();
const ALICE = getPublicKey(alice);

describe('Messages (M) and the chat, on the real relay', () => {
  let relay: TestRelay;
  let nip05: Nip05Server;
  let home: string;
  let services: WiredServices | undefined;
  let unmount: (() => void) | undefined;

  beforeAll(async () => {
    relay = await startRelay();
    nip05 = await startNip05Server();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-messages-ui-'));
    new KeyStore(home).save({ pubkey: getPublicKey(me), secret: { type: 'plain', secretKey: me } });
    fs.writeFileSync(path.join(home, 'config.json'), JSON.stringify({ relays: [{ url: relay.url, read: true, write: true }] }));
    const now = Math.floor(Date.now() / 1000);
    await relay.seed(
      finalizeEvent({ kind: 0, created_at: now - 1_000, tags: [], content: JSON.stringify({ name: 'alice' }) }, alice),
      // Alice receives private messages there (NIP-17 kind 10050).
      finalizeEvent({ kind: 10050, created_at: now - 1_000, tags: [['relay', relay.url]], content: '' }, alice),
      nip17.wrapEvent(alice, { publicKey: getPublicKey(me) }, 'hello from alice'),
    );
  });
  afterEach(async () => {
    unmount?.();
    await services?.close();
    services = undefined;
  });
  afterAll(async () => {
    await relay?.stop();
    await nip05?.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  function start() {
    const client = createClient({
      paths: resolvePaths({ NOSTR_TUI_HOME: home }),
      env: { NOSTR_TUI_HOME: home, NOSTR_TUI_DISCOVERY_RELAYS: '', NODE_ENV: 'test', NOSTR_TUI_NIP05_BASE_URL: nip05.url },
      clock: systemClock,
      stdin: new PassThrough(),
      stderr: new PassThrough(),
    } as Parameters<typeof createClient>[0]);
    services = createServices(client);
    const drafts: string[][] = [];
    const app = render(<App services={services} size={{ columns: 80, rows: 24 }} color={false} onDrafts={(texts) => drafts.push(texts)} />);
    unmount = app.unmount;
    const frame = (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check, 15_000);
    const press = (k: string) => app.stdin.write(k);
    /** From Messages: `n`, their npub typed, Enter; resolves once the chat's composer is up. */
    const chatWith = async (pubkey: string) => {
      press('n');
      await frame((f) => f.includes('message to: ▏'));
      press(nip19.npubEncode(pubkey));
      press(keys.enter);
      await frame((f) => f.includes(`── To ${shortNpub(pubkey)} (private, NIP-17)`));
    };
    return { drafts, app, frame, press, chatWith };
  }

  it('lists the conversation with its unread count; Enter opens the chat; the composer sends; a new message arrives live; seen is read', async () => {
    const { app, frame, press, drafts } = start();
    await frame((f) => f.includes(' · Global')); // following nobody: start-up settles on Global
    press('M');
    const list = await frame((f) => f.includes(' · Messages') && f.includes('▸ alice') && f.includes('hello from alice'));
    const row = list.split('\n').find((line) => line.includes('hello from alice'))!;
    expect(row).toMatch(/^▸ alice\s+\(1\) hello from alice\s+(now|\d+s)$/);
    expect(list.split('\n')).toHaveLength(24);
    // Enter opens a chat here, and the footer says so (not "thread").
    expect(list.split('\n').at(-1)).toMatch(/^ j\/k move {2}Enter open chat {2}Tab feed {2}n new message/);

    press(keys.enter);
    const chat = await frame((f) => f.includes('Chat: alice') && f.includes('── To alice (private, NIP-17)'));
    const lines = chat.split('\n');
    expect(lines).toHaveLength(24);
    expect(lines.some((line) => /^ alice · (now|\d+s)$/.test(line))).toBe(true);
    expect(lines).toContain(' hello from alice');

    press('hi alice, all good');
    await frame((f) => f.includes('hi alice, all good▏'));
    // An unsent chat draft is known to the app, so a quit would print it, with whom it was for.
    expect(drafts.at(-1)).toEqual([`hi alice, all good\n(a private message to alice (${nip19.npubEncode(ALICE)}))`]);
    press(keys.enter);
    const sent = await frame((f) => f.includes('message: sent to their DM relays') && f.includes('hi alice, all good') && !f.includes('all good▏'));
    // The user's own message is on the right.
    expect(drafts.at(-1)).toEqual([]);
    const own = sent.split('\n').find((line) => line.includes('hi alice, all good'))!;
    expect(own).toMatch(/^ {30,}hi alice, all good$/);
    expect(own.length).toBeLessThanOrEqual(80);
    // Alice's relay holds a wrap nostr-tools opens into the message.
    // "sent" means the relay answered OK: the wrap is there now.
    const wraps = await relay.find({ kinds: [1059], '#p': [ALICE] });
    expect(wraps.map((wrap) => nip17.unwrapEvent(wrap, alice).content)).toEqual(['hi alice, all good']);

    // A new message arrives while the chat is open. nip17 dates a message with the current second
    // rounded up, and two in one second are ordered by their random ids: Alice's first message may
    // hold the second after the user's own, so this one waits past that second, to be the latest
    // both in the chat and in the list (waiting only for the next second could tie with it).
    const sentSecond = Math.floor(Date.now() / 1000);
    await until(() => Date.now() > (sentSecond + 1) * 1000, 'the second after the next', 3_000);
    await relay.seed(nip17.wrapEvent(alice, { publicKey: getPublicKey(me) }, 'great, see you at 7'));
    const live = await frame((f) => f.includes('great, see you at 7'));
    expect(live.indexOf('great, see you at 7')).toBeGreaterThan(live.indexOf('hi alice, all good'));

    // Back to the list: everything shown was marked read.
    press(keys.escape); // closes the composer
    press(keys.escape); // back
    const back = await frame((f) => f.includes(' · Messages') && f.includes('great, see you at 7'));
    expect(back).not.toMatch(/\(\d+\)/);
    app.unmount();
  });

  it('n on Messages asks whom to write to, never opens a public note; the chat it opens takes n as its own composer; a secret key opens nothing', async () => {
    const bob = getPublicKey(generateSecretKey());
    const { frame, press, chatWith } = start();
    await frame((f) => f.includes(' · Global'));
    press('M');
    const list = await frame((f) => f.includes(' · Messages') && f.includes('alice'));
    expect(list).toContain('n new message');

    press('n');
    const asking = await frame((f) => f.includes('message to: ▏'));
    expect(asking).not.toContain('New note');
    // A pasted npub, as most people would give one.
    press(`\u001b[200~${nip19.npubEncode(bob)}\u001b[201~`);
    press(keys.enter);
    const chat = await frame((f) => f.includes(`Chat: ${shortNpub(bob)}`) && f.includes(`── To ${shortNpub(bob)} (private, NIP-17)`));
    expect(chat).toContain('no messages yet: write below and press Enter');
    // The composer closed, n opens this chat's composer again, not a public note.
    press(keys.escape);
    await frame((f) => f.includes(`Chat: ${shortNpub(bob)}`) && !f.includes('── To '));
    press('n');
    const again = await frame((f) => f.includes(`── To ${shortNpub(bob)} (private, NIP-17)`));
    expect(again).not.toContain('New note');

    press(keys.escape); // closes the composer
    press(keys.escape); // back to Messages
    await frame((f) => f.includes(' · Messages') && !f.includes('Chat:'));
    press('n');
    await frame((f) => f.includes('message to: ▏'));
    press(`\u001b[200~${nip19.nsecEncode(generateSecretKey())}\u001b[201~`);
    press(keys.enter);
    const refused = await frame((f) => f.includes('that is a secret key, not a public key'));
    expect(refused).toContain(' · Messages');
    expect(refused).not.toContain('Chat:');
    expect(refused).not.toContain('nsec1');
    // A name@domain is looked up (NIP-05), and the footer says which key it named.
    nip05.names = { bob };
    press('n');
    await frame((f) => f.includes('message to: ▏'));
    press('bob@example.com');
    press(keys.enter);
    const found = await frame((f) => f.includes(`Chat: ${shortNpub(bob)}`));
    expect(found).toContain(`bob@example.com is ${shortNpub(bob)}`);
    // A secret key in a private message is refused, the draft kept to take it out.
    press(keys.escape); // closes the composer
    press(keys.escape); // back
    await frame((f) => f.includes(' · Messages') && !f.includes('Chat:'));
    await chatWith(bob);
    const secret = nip19.nsecEncode(generateSecretKey());
    press(`\u001b[200~my key is ${secret}\u001b[201~`);
    press(keys.enter);
    await frame((f) => f.includes('message not sent: the message contains a secret key') && f.includes('my key is nsec1'));
    expect(await relay.find({ kinds: [1059], '#p': [bob] })).toEqual([]);
    // Nothing public was written along the way.
    expect(await relay.find({ kinds: [1], authors: [getPublicKey(me)] })).toEqual([]);
  });

  it('to someone with no DM relay list the chat asks before using their read relays: any other key keeps the draft, y sends there', async () => {
    const carol = generateSecretKey();
    const CAROL = getPublicKey(carol);
    // Carol reads on this relay (NIP-65) but lists no DM relays (kind 10050).
    await relay.seed(finalizeEvent({ kind: 10002, created_at: Math.floor(Date.now() / 1000) - 100, tags: [['r', relay.url, 'read']], content: '' }, carol));
    const { frame, press, chatWith } = start();
    await frame((f) => f.includes(' · Global'));
    press('M');
    await frame((f) => f.includes(' · Messages'));
    await chatWith(CAROL);
    press('are you there, carol?');
    press(keys.enter);
    await frame((f) => f.includes(`send to their read relays? y/n (${shortNpub(CAROL)}: no DM relay list, kind 10050)`));
    press('n');
    const kept = await frame((f) => f.includes('cancelled') && f.includes('are you there, carol?▏'));
    expect(kept).not.toContain('message: sent');
    expect(await relay.find({ kinds: [1059], '#p': [CAROL] })).toEqual([]);

    press(keys.enter);
    await frame((f) => f.includes('send to their read relays? y/n'));
    press('y');
    const sent = await frame((f) => f.includes('message: sent to their read relays') && !f.includes('carol?▏'));
    expect(sent).toContain('are you there, carol?');
    const wraps = await relay.find({ kinds: [1059], '#p': [CAROL] });
    expect(wraps.map((wrap) => nip17.unwrapEvent(wrap, carol).content)).toEqual(['are you there, carol?']);
    // The composer stays open for the next message, and the yes holds for this open chat: no second question.
    expect(sent).toMatch(/── To .*\n {2}▏/);
    press('still there?');
    press(keys.enter);
    const second = await frame((f) => f.includes('still there?') && !f.includes('still there?▏'));
    expect(second).not.toContain('send to their read relays? y/n');
    const both = await relay.find({ kinds: [1059], '#p': [CAROL] });
    expect(both.map((wrap) => nip17.unwrapEvent(wrap, carol).content).sort()).toEqual(['are you there, carol?', 'still there?']);

    // Dave lists no relays at all: there are no read relays to offer, so no question; why nothing
    // was sent is readable whole, over both footer rows.
    const DAVE = getPublicKey(generateSecretKey());
    press(keys.escape);
    press(keys.escape);
    await frame((f) => f.includes(' · Messages') && !f.includes('Chat:'));
    await chatWith(DAVE);
    press('hello dave');
    press(keys.enter);
    const nowhere = await frame((f) => f.includes('nothing was sent.'));
    expect(nowhere).not.toContain('y/n');
    expect(nowhere.split('\n').slice(-2).join(' ')).toMatch(
      new RegExp(`^ message not sent: ${shortNpub(DAVE).replace('…', '.')} published neither a DM relay list \\(kind 10050\\)\\s+nor read relays \\(NIP-65\\); nothing was sent\\.$`),
    );
    expect(nowhere).toContain('hello dave▏');
  });

  it('a group conversation: a reply from its chat goes to everyone in it, each on their own DM relays', async () => {
    const dave = generateSecretKey();
    const erin = generateSecretKey();
    const [DAVE, ERIN, ME] = [getPublicKey(dave), getPublicKey(erin), getPublicKey(me)];
    const now = Math.floor(Date.now() / 1000);
    await relay.seed(
      finalizeEvent({ kind: 0, created_at: now - 100, tags: [], content: JSON.stringify({ name: 'dave' }) }, dave),
      finalizeEvent({ kind: 0, created_at: now - 100, tags: [], content: JSON.stringify({ name: 'erin' }) }, erin),
      finalizeEvent({ kind: 10050, created_at: now - 100, tags: [['relay', relay.url]], content: '' }, dave),
      finalizeEvent({ kind: 10050, created_at: now - 100, tags: [['relay', relay.url]], content: '' }, erin),
      // Dave writes to the user and Erin at once: one rumor naming both (NIP-17), wrapped for the user.
      nip59.wrapEvent({ kind: 14, created_at: now - 10, tags: [['p', ME], ['p', ERIN]], content: 'dinner on friday?' }, dave, ME),
    );
    const { frame, press } = start();
    await frame((f) => f.includes(' · Global'));
    press('M');
    const list = await frame((f) => f.split('\n').some((line) => line.includes('dinner on friday?') && line.includes('dave') && line.includes('erin')));
    const rows = list.split('\n').filter((line) => /^[▸ ] \S/.test(line));
    const row = rows.find((line) => line.includes('dinner on friday?'))!;
    // One conversation of the three people, named by the two others.
    const names = row.slice(2, 24).trim();
    expect(names.split(', ').sort()).toEqual(['dave', 'erin']);
    press(keys.down.repeat(rows.indexOf(row)));
    await frame((f) => f.split('\n').some((line) => line.startsWith('▸') && line.includes('dinner on friday?')));
    press(keys.enter);
    await frame((f) => f.includes(`Chat: ${names}`) && f.includes(`── To ${names} (private, NIP-17)`));
    press('friday works');
    press(keys.enter);
    await frame((f) => f.includes("message: sent to everyone's DM relays"));
    for (const [key, pubkey] of [[dave, DAVE], [erin, ERIN]] as const) {
      const rumors = (await relay.find({ kinds: [1059], '#p': [pubkey] })).map((wrap) => nip17.unwrapEvent(wrap, key)).filter((rumor) => rumor.content === 'friday works');
      expect(rumors).toHaveLength(1);
      expect(rumors[0]!.pubkey).toBe(ME);
      expect(rumors[0]!.tags.filter((tag) => tag[0] === 'p').map((tag) => tag[1]).sort()).toEqual([DAVE, ERIN].sort());
    }
  });

  it('what is typed right after Enter opens a chat lands in its composer', async () => {
    const { frame, press } = start();
    await frame((f) => f.includes(' · Global'));
    press('M');
    await frame((f) => f.includes(' · Messages') && /^▸ /m.test(f));
    press(keys.enter);
    press('typed at once');
    const typed = await frame((f) => f.includes('Chat: ') && f.includes('typed at once▏'));
    expect(typed).toContain('── To ');
  });

  it("a chat's draft kept with Esc is there when the chat is opened again, and only in that chat", async () => {
    const dave = getPublicKey(generateSecretKey());
    const erin = getPublicKey(generateSecretKey());
    const { frame, press, chatWith, drafts } = start();
    await frame((f) => f.includes(' · Global'));
    press('M');
    await frame((f) => f.includes(' · Messages'));
    await chatWith(dave);
    press('chat draft one');
    await frame((f) => f.includes('chat draft one▏'));
    press(keys.escape); // closes the composer, the draft kept
    await frame((f) => f.includes(`Chat: ${shortNpub(dave)}`) && !f.includes('── To '));
    press(keys.escape); // back to Messages: the chat's screen is gone
    await frame((f) => f.includes(' · Messages') && !f.includes('Chat:'));
    // Another chat starts empty.
    await chatWith(erin);
    const other = await frame((f) => f.includes(`── To ${shortNpub(erin)}`) && f.includes('▏'));
    expect(other).not.toContain('chat draft one');
    press(keys.escape);
    press(keys.escape);
    await frame((f) => f.includes(' · Messages') && !f.includes('Chat:'));
    await chatWith(dave);
    const again = await frame((f) => f.includes(`── To ${shortNpub(dave)}`) && f.includes('chat draft one▏'));
    expect(again).toContain('chat draft one▏');
    // Still known to the app for the quit's printout, once.
    press('!');
    await frame((f) => f.includes('chat draft one!▏'));
    // No profile names Dave: his npub, which `dm send` takes.
    expect(drafts.at(-1)).toEqual([`chat draft one!\n(a private message to ${nip19.npubEncode(dave)})`]);
  });

  it('read marks outlast the run; no plaintext in the home', async () => {
    const { frame, press } = start();
    await frame((f) => f.includes(' · Global'));
    press('M');
    const list = await frame((f) => f.includes(' · Messages') && f.includes('great, see you at 7'));
    expect(list).not.toMatch(/\(\d+\)/);
    await services!.close();
    services = undefined;
    for (const name of fs.readdirSync(path.join(home, 'data'))) {
      const bytes = fs.readFileSync(path.join(home, 'data', name));
      for (const text of ['hello from alice', 'hi alice, all good', 'great, see you']) expect(bytes.includes(Buffer.from(text)), `${name}: ${text}`).toBe(false);
    }
  });

  it('a conversation with a CJK and emoji name keeps its time in the row (measured in columns); the chosen conversation stays chosen when another moves to the top', async () => {
    const bob = generateSecretKey();
    const now = Math.floor(Date.now() / 1000);
    const bobAt = Math.ceil(Date.now() / 1000);
    await relay.seed(
      finalizeEvent({ kind: 0, created_at: now - 10, tags: [], content: JSON.stringify({ name: '鮑勃 🌸' }) }, bob),
      // Its time as nip17.wrapEvent sets it (the second rounded up), known here to wait past it below.
      nip59.wrapEvent({ kind: 14, created_at: bobAt, tags: [['p', getPublicKey(me)]], content: 'ni hao' }, bob, getPublicKey(me)),
    );
    const { frame, press } = start();
    await frame((f) => f.includes(' · Global'));
    press('M');
    const list = await frame((f) => f.includes('鮑勃 🌸') && f.includes('ni hao') && f.includes('alice'));
    const row = list.split('\n').find((line) => line.includes('ni hao'))!;
    expect(row).toMatch(/^[▸ ] 鮑勃 🌸\s+\(1\) ni hao\s+(now|\d+s)$/);
    expect(textWidth(row)).toBeLessThanOrEqual(80);

    // Choose Bob's conversation, wherever it is.
    const selectedRow = (f: string) => f.split('\n').find((line) => line.startsWith('▸ ')) ?? '';
    for (let f = list; !selectedRow(f).includes('鮑勃'); ) {
      press(selectedRow(f).includes('alice') && f.indexOf('▸ alice') < f.indexOf('鮑勃') ? 'j' : 'k');
      f = await frame((next) => next !== f);
    }
    // A new message from Alice, in a later second than Bob's (nip17 rounds the time up: a tie, then
    // ordered by id, was possible when waiting for the next second after Bob's), moves her conversation to the top.
    await until(() => Date.now() > bobAt * 1000, "past Bob's second", 3_000);
    await relay.seed(nip17.wrapEvent(alice, { publicKey: getPublicKey(me) }, 'one more from alice'));
    const moved = await frame((f) => f.includes('one more from alice'));
    expect(moved.indexOf('one more from alice')).toBeLessThan(moved.indexOf('鮑勃'));
    expect(selectedRow(moved)).toContain('鮑勃');
    press(keys.enter);
    // Bob's chat opens, and its composer title fills the row exactly, its rule not cut short.
    const chat = await frame((f) => f.includes('Chat: 鮑勃 🌸'));
    const title = chat.split('\n').find((line) => line.startsWith('── To '))!;
    expect(title).toMatch(/^── To 鮑勃 🌸 \(private, NIP-17\) ─+$/);
    expect(textWidth(title)).toBe(80);
  });
});
