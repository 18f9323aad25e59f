// Private messages end to end (NIP-17): the built binary in two homes against a
// real relay on loopback. A message sent from one home is read in the other;
// the relay holds only gift wraps for the recipient, and the plaintext is in no
// relay's stored events and in neither home's files (SQLite, WAL, config).
import fs from 'node:fs';
import path from 'node:path';
import { npubEncode, nsecEncode } from 'nostr-tools/nip19';
import * as nip17 from 'nostr-tools/nip17';
import * as nip44 from 'nostr-tools/nip44';
import * as nip59 from 'nostr-tools/nip59';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shortNpub } from '../../src/core/identifiers.js';
import { cliHome, runningCli } from '../helpers/cli.js';
import { startFaultRelay } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';

vi.setConfig({ testTimeout: 90_000 });

let relay: TestRelay;
let inbox: TestRelay;
beforeAll(async () => {
  [relay, inbox] = await Promise.all([startRelay(), startRelay()]);
});
afterAll(async () => {
  await Promise.all([relay?.stop(), inbox?.stop()]);
});

const env = { NOSTR_TUI_DISCOVERY_RELAYS: '' };

/** A home with a key, whose only relay is the test relay (config only). */
async function home(prefix: string) {
  const secretKey = generateSecretKey();
  const cli = cliHome(prefix);
  const run = (args: string[], opts: { stdin?: string } = {}) => cli.run(args, { ...opts, env });
  expect((await run(['key', 'import', nsecEncode(secretKey)])).code).toBe(0);
  fs.writeFileSync(cli.file('config.json'), JSON.stringify({ relays: [{ url: relay.url, read: true, write: true }] }));
  return { cli, run, secretKey, pubkey: getPublicKey(secretKey), npub: npubEncode(getPublicKey(secretKey)) };
}

/** Every file under a home, read whole (the SQLite database, its WAL and journal, config, keys). */
function filesUnder(dir: string): Buffer[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [fs.readFileSync(full)];
  });
}

describe('dm send / dm read between two homes', () => {
  it('delivers through the recipient DM relays; only wraps on the relay, plaintext nowhere on disk', async () => {
    const alice = await home('nostr-tui-dm-a-');
    const bob = await home('nostr-tui-dm-b-');
    // Bob says where he receives private messages (kind 10050), published to his write relay.
    const dmAdd = await bob.run(['relay', 'add', inbox.url, '--dm']);
    expect(dmAdd.stderr).toBe('');
    expect(dmAdd.code).toBe(0);
    expect(dmAdd.stdout).toContain(`Added ${inbox.url} to your DM relays.`);
    const lists = await relay.find({ kinds: [10050], authors: [bob.pubkey] });
    expect(lists.map((e) => e.tags)).toEqual([[['relay', inbox.url]]]);
    const listed = await bob.run(['relay', 'list', '--dm', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([inbox.url]);

    const secret = 'meet at the old mill at 7, bring the map';
    const sent = await alice.run(['dm', 'send', bob.npub, '--json', '--', secret]);
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    const out = JSON.parse(sent.stdout) as { rumor: { content: string; pubkey: string; kind: number; created_at: number }; wraps: { recipient: string; route: string; relays: { url: string; ok: boolean }[] }[] };
    expect(out.rumor).toMatchObject({ content: secret, pubkey: alice.pubkey, kind: 14 });
    const byRecipient = Object.fromEntries(out.wraps.map((w) => [w.recipient, w]));
    expect(byRecipient[bob.pubkey]).toMatchObject({ route: 'dm-relays', relays: [{ url: inbox.url, ok: true }] });
    // Alice has no 10050: her own copy goes to her read relays.
    expect(byRecipient[alice.pubkey]).toMatchObject({ route: 'own-read-relays', relays: [{ url: relay.url, ok: true }] });

    const read = await bob.run(['dm', 'read', alice.npub, '--json']);
    expect(read.stderr).toBe('');
    expect(read.code).toBe(0);
    const lines = read.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([{ rumor: out.rumor, from: alice.pubkey, mine: false }]);

    // Alice reads her own copy in her home.
    const mine = await alice.run(['dm', 'read', bob.npub, '--json']);
    expect(mine.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([{ rumor: out.rumor, from: alice.pubkey, mine: true }]);

    // Bob's list: one conversation with Alice, unread until read (dm read above marked it).
    const list = await bob.run(['dm', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([{ peers: [alice.pubkey], npubs: [alice.npub], lastAt: out.rumor.created_at, count: 1, unread: 0 }]);

    // What the relays hold for Bob: gift wraps only.
    const forBob = [...(await relay.find({ '#p': [bob.pubkey] })), ...(await inbox.find({ '#p': [bob.pubkey] }))];
    expect(forBob.length).toBeGreaterThan(0);
    expect(new Set(forBob.map((e) => e.kind))).toEqual(new Set([1059]));
    const everything = JSON.stringify([...(await relay.find({})), ...(await inbox.find({}))]);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain('old mill');
    for (const who of [alice, bob]) {
      const files = filesUnder(who.cli.home);
      expect(files.length).toBeGreaterThan(2);
      for (const file of files) {
        expect(file.includes(Buffer.from('old mill'))).toBe(false);
        expect(file.includes(Buffer.from('old mill', 'utf16le'))).toBe(false);
      }
    }
  });

  it('reads what nostr-tools nip17 wrapped, and nostr-tools unwraps what dm send wrapped', async () => {
    const bob = await home('nostr-tui-dm-interop-');
    const carolKey = generateSecretKey();
    const carol = getPublicKey(carolKey);
    await relay.seed(nip17.wrapEvent(carolKey, { publicKey: bob.pubkey }, 'from nostr-tools, hi'));
    // A forged seal, and a message "by Carol" sealed by Mallory: dropped, counted, never shown.
    const mallory = generateSecretKey();
    const rumor = nip59.createRumor({ kind: 14, content: 'FORGED words', tags: [['p', bob.pubkey]] }, carolKey);
    const seal = nip59.createSeal(rumor, carolKey, bob.pubkey);
    const badSig = { ...seal, sig: finalizeEvent({ kind: 13, created_at: seal.created_at, tags: [], content: '' }, mallory).sig };
    const mallorySeal = finalizeEvent(
      { kind: 13, created_at: seal.created_at, tags: [], content: nip44.v2.encrypt(JSON.stringify(rumor), nip44.v2.utils.getConversationKey(mallory, bob.pubkey)) },
      mallory,
    );
    await relay.seed(nip59.createWrap(badSig, bob.pubkey), nip59.createWrap(mallorySeal, bob.pubkey));
    const read = await bob.run(['dm', 'read', npubEncode(carol), '--json']);
    expect(read.code).toBe(0);
    expect(read.stderr).toMatch(/^nostr-tui: note: 2 wrapped messages dropped \(.*\)\.\n$/);
    expect(read.stderr).toContain('1 seal signature invalid');
    expect(read.stderr).toContain('1 author differs from the seal signer');
    expect(read.stdout).not.toContain('FORGED');
    const [line] = read.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(line).toMatchObject({ from: carol, mine: false, rumor: { kind: 14, content: 'from nostr-tools, hi', pubkey: carol, tags: [['p', bob.pubkey]] } });

    // Decrypted text is network text: cleaned of terminal controls in human output, exact in JSON.
    // nip17 dates a message with the second rounded up (Math.ceil): the next one is the latest only
    // once the clock is past the first one's second, not merely into it (on the second exactly,
    // ceil gave the same second, and two in one second are ordered by their random ids).
    await until(() => Date.now() / 1000 > line.rumor.created_at, 'the next second', 3_000);
    await relay.seed(nip17.wrapEvent(carolKey, { publicKey: bob.pubkey }, 'title\u001b]0;pwned\u0007 and \u001b[2Jclear'));
    const human = await bob.run(['dm', 'read', npubEncode(carol)]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('  from nostr-tools, hi\n');
    expect(human.stdout).toContain('  title and clear\n');
    expect(human.stdout).not.toContain('\u001b');
    const listed = await bob.run(['dm', 'list']);
    expect(listed.stdout).toMatch(/^npub1\S+  .+ ago  2 messages\n  title and clear\n$/);
    // Once the cache knows Carol's name (looked up here), both name her as `timeline` does.
    await relay.seed(finalizeEvent({ kind: 0, created_at: Math.floor(Date.now() / 1000), tags: [], content: JSON.stringify({ name: 'Carol' }) }, carolKey));
    expect((await bob.run(['profile', npubEncode(carol), '--relay', relay.url])).code).toBe(0);
    expect((await bob.run(['dm', 'list'])).stdout).toMatch(new RegExp(`^Carol \\(${shortNpub(carol)}\\)  .+ ago  2 messages\n`));
    expect((await bob.run(['dm', 'read', npubEncode(carol)])).stdout).toMatch(new RegExp(`^Carol \\(${shortNpub(carol)}\\) · `));

    const sent = await bob.run(['dm', 'send', npubEncode(carol), '--to-read-relays', '--relay', relay.url, '--json', 'back at you']);
    expect(sent.code).toBe(0);
    const out = JSON.parse(sent.stdout) as { rumor: unknown; wraps: { recipient: string; id: string }[] };
    const wrapId = out.wraps.find((w) => w.recipient === carol)!.id;
    const [wrap] = await relay.find({ ids: [wrapId] });
    expect(nip17.unwrapEvent(wrap!, carolKey)).toEqual(out.rumor);
  });

  it('sends one message to a group (comma-separated): one rumor naming all, a wrap for each on their own DM relays; read back as that group', async () => {
    const alice = await home('nostr-tui-dm-group-a-');
    const bob = await home('nostr-tui-dm-group-b-');
    expect((await bob.run(['relay', 'add', inbox.url, '--dm'])).code).toBe(0);
    const carolKey = generateSecretKey();
    const carol = getPublicKey(carolKey);
    await relay.seed(finalizeEvent({ kind: 10050, created_at: Math.floor(Date.now() / 1000), tags: [['relay', inbox.url]], content: '' }, carolKey));

    // Bob named twice and Alice herself in the list: each once, and her own copy as usual.
    const sent = await alice.run(['dm', 'send', `${bob.npub}, ${npubEncode(carol)},${bob.pubkey},${alice.npub}`, '--json', 'dinner on friday?']);
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    const out = JSON.parse(sent.stdout) as { rumor: { tags: string[][] }; wraps: { recipient: string; id: string; route: string }[] };
    expect(out.rumor.tags).toEqual([['p', bob.pubkey], ['p', carol]]);
    expect(out.wraps.map((w) => [w.recipient, w.route]).sort()).toEqual([[alice.pubkey, 'own-read-relays'], [bob.pubkey, 'dm-relays'], [carol, 'dm-relays']].sort());
    const [carolsWrap] = await inbox.find({ ids: [out.wraps.find((w) => w.recipient === carol)!.id] });
    expect(nip17.unwrapEvent(carolsWrap!, carolKey)).toEqual(out.rumor);

    // Bob reads the group by naming the others, comma-separated or apart; one person alone is another conversation.
    const read = await bob.run(['dm', 'read', `${alice.npub},${npubEncode(carol)}`, '--json']);
    expect(read.stderr).toBe('');
    expect(read.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([{ rumor: out.rumor, from: alice.pubkey, mine: false }]);
    expect((await bob.run(['dm', 'read', npubEncode(carol), alice.npub, '--json'])).stdout).toBe(read.stdout);
    expect((await bob.run(['dm', 'read', alice.npub, '--json'])).stdout).toBe('');

    // Dave lists no DM relays: the whole group is refused, and nothing is kept.
    const dave = getPublicKey(generateSecretKey());
    const refused = await alice.run(['dm', 'send', `${bob.npub},${npubEncode(dave)}`, 'and dave?']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(npubEncode(dave));
    expect(JSON.parse((await alice.run(['outbox', '--json'])).stdout)).toEqual([]);
  });

  it('refuses a recipient with no DM relay list unless --to-read-relays; nothing is signed or kept', async () => {
    const alice = await home('nostr-tui-dm-refuse-');
    const daveKey = generateSecretKey();
    const dave = getPublicKey(daveKey);
    // Dave reads from a relay (NIP-65) but lists no DM relays: the flag is offered.
    await relay.seed(finalizeEvent({ kind: 10002, created_at: Math.floor(Date.now() / 1000), tags: [['r', inbox.url, 'read']], content: '' }, daveKey));
    const refused = await alice.run(['dm', 'send', npubEncode(dave), 'hello?']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/published no DM relay list \(kind 10050\).*--to-read-relays/);
    // Erin lists neither: the flag could not help, so it is not offered.
    const erin = getPublicKey(generateSecretKey());
    const nowhere = await alice.run(['dm', 'send', npubEncode(erin), '--to-read-relays', 'hello?']);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toBe(`nostr-tui: ${npubEncode(erin)} published neither a DM relay list (kind 10050) nor read relays (NIP-65); nothing was sent.\n`);
    expect((await alice.run(['dm', 'send', npubEncode(erin), 'hello?'])).stderr).toBe(nowhere.stderr);
    expect(JSON.parse((await alice.run(['outbox', '--json'])).stdout)).toEqual([]);
    const empty = await alice.run(['dm', 'send', npubEncode(dave), '']);
    expect(empty.code).toBe(2);
  });

  it("says each wrap's relays as soon as they have all answered: a recipient's relay that never does holds back only its own", async () => {
    // Takes the wrap and never says OK: the recipient's part waits its 8 s for it.
    const silent = await startFaultRelay({ onReq: (req) => req.eose() });
    const alice = await home('nostr-tui-dm-live-a-');
    const bob = generateSecretKey();
    await relay.seed(finalizeEvent({ kind: 10050, created_at: Math.floor(Date.now() / 1000) - 60, tags: [['relay', silent.url]], content: '' }, bob));
    const run = runningCli(['dm', 'send', npubEncode(getPublicKey(bob)), 'are you there?'], { NOSTR_TUI_HOME: alice.cli.home, ...env });
    try {
      await until(() => run.stdout().includes(`  ${relay.url}  accepted\n`) || undefined, 'the own copy taken, before the silent relay times out');
      expect(run.stdout().startsWith('Your copy: sent to your read relays')).toBe(true);
      expect(run.stdout()).not.toContain('To npub');
      expect(run.exited()).toBe(false);
      await silent.waitFor((r) => r.message[0] === 'EVENT');
    } finally {
      await run.interrupt();
      await silent.stop();
    }
  });
});

describe('what dm send and dm list say', () => {
  it('no relay answered the lookup: says where to send is unknown (not that they published nothing); exit 1, nothing kept', async () => {
    const alice = await home('nostr-tui-dm-dead-');
    const gone = await startRelay();
    await gone.stop();
    fs.writeFileSync(alice.cli.file('config.json'), JSON.stringify({ relays: [{ url: gone.url, read: true, write: true }] }));
    const bob = npubEncode(getPublicKey(generateSecretKey()));
    const sent = await alice.run(['dm', 'send', bob, 'anyone there?']);
    expect(sent.stderr).toBe(
      `nostr-tui: none of your relays answered (1 asked), so where ${bob} receives private messages is unknown; nothing was sent. ` +
        'Check your relays (`nostr-tui doctor`) and try again, or name one they read with --relay <url>.\n',
    );
    expect(sent.code).toBe(1);
    expect(JSON.parse((await alice.run(['outbox', '--json'])).stdout)).toEqual([]);
  });

  it('your copy goes to your DM relays, and says so', async () => {
    const alice = await home('nostr-tui-dm-own-');
    const bob = await home('nostr-tui-dm-own-b-');
    for (const who of [alice, bob]) expect((await who.run(['relay', 'add', inbox.url, '--dm'])).code).toBe(0);
    const sent = await alice.run(['dm', 'send', bob.npub, 'hi']);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain(`To ${bob.npub}: sent to their DM relays (kind 10050)\n`);
    expect(sent.stdout).toContain('Your copy: sent to your DM relays (kind 10050)\n');
  });

  it('dm list: the last message cut by width at a whole character, ending in …', async () => {
    const bob = await home('nostr-tui-dm-preview-');
    await relay.seed(wrapFor(bob.pubkey, 'x' + '👍🏽'.repeat(40), Math.floor(Date.now() / 1000) - 120));
    const listed = await bob.run(['dm', 'list']);
    expect(listed.code).toBe(0);
    // 69 columns: x and 34 two-column emoji, then the mark.
    expect(listed.stdout).toMatch(new RegExp(`^npub1\\S+  .+ ago  1 message  1 unread\\n  x${'👍🏽'.repeat(34)}…\\n$`, 'u'));
    expect(listed.stdout).not.toContain('\uFFFD');
  });

  it('a message dated far ahead is held back, and dm list says so: the newer one stays last', async () => {
    const bob = await home('nostr-tui-dm-future-');
    const carolKey = generateSecretKey();
    await relay.seed(wrapFor(bob.pubkey, 'from the future 2100', 4_102_444_800, carolKey), wrapFor(bob.pubkey, 'written now', Math.floor(Date.now() / 1000), carolKey));
    const listed = await bob.run(['dm', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stderr).toBe('nostr-tui: note: 1 message is dated more than 15 minutes ahead of your clock; held back until then.\n');
    expect(listed.stdout).toMatch(/^npub1\S+  .+ ago  1 message  1 unread\n  written now\n$/);
  });
});

/** A kind-14 message to `to` dated `createdAt`, sealed and wrapped (NIP-59) as any client may. */
function wrapFor(to: string, content: string, createdAt: number, from = generateSecretKey()) {
  const rumor = nip59.createRumor({ kind: 14, content, created_at: createdAt, tags: [['p', to]] }, from);
  return nip59.createWrap(nip59.createSeal(rumor, from, to), to);
}
