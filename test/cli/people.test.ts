// `profile`, `profile set`, `follow name@domain`, `mute`/`unmute`/`mutes` and
// `timeline` hiding muted content: the CLI in process, against a real relay and
// a local NIP-05 server (NOSTR_TUI_NIP05_BASE_URL, honoured with NODE_ENV=test).
import { nip19 } from 'nostr-tools';
import * as nip04 from 'nostr-tools/nip04';
import * as nip44 from 'nostr-tools/nip44';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { shortNpub } from '../../src/core/identifiers.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitize, sanitizeLine } from '../../src/core/sanitize.js';
import { KeyStore } from '../../src/store/keys.js';
import { signed } from '../helpers/fault-relay.js';
import { jsonLines, runInProcess, tempHome } from '../helpers/in-process-cli.js';
import { startNip05Server, type Nip05Server } from '../helpers/nip05-server.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { startSearchRelay } from '../helpers/search-relay.js';

const NOW = 1_800_000_000;
let relay: TestRelay;
let nip05: Nip05Server;

beforeAll(async () => {
  [relay, nip05] = await Promise.all([startRelay(), startNip05Server()]);
});
afterAll(async () => {
  await Promise.all([relay?.stop(), nip05?.stop()]);
});

function user() {
  const home = tempHome('nostr-tui-people-');
  const secretKey = generateSecretKey();
  const pubkey = getPublicKey(secretKey);
  new KeyStore(home).save({ pubkey, secret: { type: 'plain', secretKey } });
  const run = (argv: string[]) =>
    runInProcess([...argv, '--relay', relay.url], { home, nowSec: NOW, env: { NODE_ENV: 'test', NOSTR_TUI_NIP05_BASE_URL: nip05.url } });
  return { home, secretKey, pubkey, run };
}

describe('profile', () => {
  it('`profile set --name X` keeps every other field of the newest kind 0; `profile --json` prints it exactly', async () => {
    const me = user();
    await relay.seed(signed(me.secretKey, { kind: 0, created_at: NOW - 50, content: '{"name":"old","about":"hi","x_unknown":[1,{"a":true}],"lud16":"me@ln.example"}' }));
    const set = await me.run(['profile', 'set', '--name', 'X']);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/^Profile published \(other fields kept from your newest profile\)\.\n/);
    const stored = (await relay.find({ kinds: [0], authors: [me.pubkey] }))[0]!;
    expect(JSON.parse(stored.content)).toEqual({ name: 'X', about: 'hi', x_unknown: [1, { a: true }], lud16: 'me@ln.example' });
    const json = await me.run(['profile', '--json']);
    expect(json.stdout).toBe(`${JSON.stringify(stored)}\n`);

    // Already so (a name it has, a field it does not have removed): nothing is signed or sent.
    const again = await me.run(['profile', 'set', '--name', 'X', '--website', '']);
    expect(again).toMatchObject({ code: 0, stdout: 'Your newest profile already says that; nothing was sent.\n' });
    const againJson = await me.run(['profile', 'set', '--name', 'X', '--json']);
    expect(JSON.parse(againJson.stdout)).toEqual({ id: stored.id, unchanged: 'already' });
    expect(await relay.find({ kinds: [0], authors: [me.pubkey] })).toEqual([stored]);
    expect(JSON.parse((await me.run(['outbox', '--json'])).stdout)).toEqual([]);
  });

  it('shows an address as verified only when the domain maps it to the key', async () => {
    const bob = user();
    const impostor = user();
    nip05.names = { bob: bob.pubkey };
    await relay.seed(
      signed(bob.secretKey, { kind: 0, created_at: NOW - 10, content: JSON.stringify({ name: 'bob', nip05: 'bob@bob.example', about: 'line one\n\u001b[31mred' }) }),
      signed(impostor.secretKey, { kind: 0, created_at: NOW - 10, content: JSON.stringify({ name: 'not bob', nip05: 'bob@bob.example' }) }),
    );
    const shown = await bob.run(['profile', nip19.npubEncode(bob.pubkey)]);
    expect(shown.stdout).toBe(`bob\n${nip19.npubEncode(bob.pubkey)}\n✓ bob@bob.example\n  line one\n  ${sanitize('\u001b[31mred')}\n`);
    expect(shown.stdout).not.toContain('\u001b');
    const fake = await bob.run(['profile', nip19.npubEncode(impostor.pubkey)]);
    expect(fake.stdout).toContain('NIP-05 bob@bob.example: not verified');
    expect(fake.stdout).not.toContain('✓');
    // By address: the key the domain names.
    const byAddress = await bob.run(['profile', 'bob@bob.example', '--json']);
    expect(JSON.parse(byAddress.stdout).pubkey).toBe(bob.pubkey);
  });

  it('says why an address could not be verified: a redirect, a timeout, an oversized or malformed answer', async () => {
    const dave = user();
    const viewer = user();
    nip05.names = { dave: dave.pubkey };
    await relay.seed(signed(dave.secretKey, { kind: 0, created_at: NOW - 10, content: JSON.stringify({ name: 'dave', nip05: 'dave@dave.example' }) }));
    const npub = nip19.npubEncode(dave.pubkey);
    const line = async () => (await viewer.run(['profile', npub])).stdout.split('\n').find((l) => l.includes('dave@dave.example'));
    try {
      nip05.fault = 'redirect';
      expect(await line()).toBe('NIP-05 dave@dave.example: not verified (could not look it up: the server answered with a redirect, which NIP-05 does not allow)');
      nip05.fault = 'huge';
      expect(await line()).toBe('NIP-05 dave@dave.example: not verified (could not look it up: the answer is larger than 64 KB)');
      nip05.fault = 'html';
      expect(await line()).toBe('NIP-05 dave@dave.example: not verified (could not look it up: the answer is not a nostr.json document (JSON with a "names" object))');
      // None of these was remembered: the mended server is asked, and the address verifies.
      nip05.fault = 'none';
      expect(await line()).toBe('✓ dave@dave.example');
      // An address the user types on their own machine is looked up (README: NIP-05).
      const local = await viewer.run(['profile', 'dave@localhost', '--json']);
      expect(local.stderr).toBe('');
      expect(JSON.parse(local.stdout).pubkey).toBe(dave.pubkey);
      nip05.names = {};
      const other = user();
      const mismatch = await other.run(['profile', npub]);
      expect(mismatch.stdout).toContain('NIP-05 dave@dave.example: not verified (dave.example does not map it to this key)\n');
    } finally {
      nip05.fault = 'none';
    }
  });

  it('`profile set --nip05` says when the domain does not map the address to the key yet', async () => {
    const me = user();
    await relay.seed(signed(me.secretKey, { kind: 0, created_at: NOW - 50, content: '{"name":"me"}' }));
    nip05.names = {};
    const unmapped = await me.run(['profile', 'set', '--nip05', 'me@me.example']);
    expect(unmapped.code).toBe(0);
    expect(unmapped.stderr).toContain('nostr-tui: note: me@me.example does not map to your key yet');
    nip05.names = { me2: me.pubkey };
    const mapped = await me.run(['profile', 'set', '--nip05', 'me2@me.example']);
    expect(mapped.stderr).toBe('');
    expect((await me.run(['profile'])).stdout).toContain('✓ me2@me.example\n');
  });
});

describe('search --people', () => {
  it('shows an address with ✓ only once its domain maps it to the key; an impersonator’s is marked not verified', async () => {
    const [alice, impostor, bob, liar] = [generateSecretKey(), generateSecretKey(), generateSecretKey(), generateSecretKey()];
    nip05.names = { alice: getPublicKey(alice), bob: getPublicKey(liar) };
    const profiles = [
      signed(alice, { kind: 0, created_at: NOW - 10, content: JSON.stringify({ name: 'Alice', nip05: 'alice@alice.example' }) }),
      signed(impostor, { kind: 0, created_at: NOW - 20, content: JSON.stringify({ name: 'Alice\u200D A', nip05: 'alice@alice.example' }) }),
      signed(bob, { kind: 0, created_at: NOW - 30, content: JSON.stringify({ name: 'bob', nip05: 'bob@liar.example' }) }),
    ];
    const searcher = await startSearchRelay(profiles);
    const me = user();
    const env = { NODE_ENV: 'test', NOSTR_TUI_NIP05_BASE_URL: nip05.url };
    try {
      const result = await runInProcess(['search', '--people', 'example', '--relay', searcher.url], { home: me.home, nowSec: NOW, env });
      expect(result.code).toBe(0);
      const npub = (sk: Uint8Array) => nip19.npubEncode(getPublicKey(sk));
      expect(result.stdout).toBe(
        `${npub(alice)}  Alice  ✓ alice@alice.example\n` +
          `${npub(impostor)}  ${sanitizeLine('Alice\u200D A')}  alice@alice.example (not verified)\n` +
          `${npub(bob)}  bob  bob@liar.example (not verified)\n`,
      );
      // --local asks no one: only what an earlier look-up found counts (here: the day-long NIP-05 cache).
      const local = await runInProcess(['search', '--people', 'example', '--local'], { home: me.home, nowSec: NOW, env: { ...env, NOSTR_TUI_NIP05_BASE_URL: 'http://127.0.0.1:1' } });
      expect(local.stdout).toBe(result.stdout);
    } finally {
      await searcher.stop();
    }
  });
});

describe('follow name@domain', () => {
  it('follows the key the NIP-05 address maps to, and fails in one line when the domain does not list it', async () => {
    const me = user();
    const carol = getPublicKey(generateSecretKey());
    nip05.names = { carol };
    const result = await me.run(['follow', 'carol@carol.example', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).event.tags).toEqual([['p', carol]]);
    const missing = await me.run(['follow', 'dave@carol.example']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('nostr-tui: dave@carol.example is not listed by carol.example.\n');
  });

  it('an address whose name is a secret key is refused before the domain is asked (it would see the key)', async () => {
    const me = user();
    const asked = nip05.requests.length;
    const result = await me.run(['follow', `${nip19.nsecEncode(generateSecretKey())}@carol.example`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^nostr-tui: that is a secret key, not a public key: never share it\./);
    expect(result.stderr).not.toContain('nsec1');
    expect(nip05.requests.length).toBe(asked);
  });
});

describe('dm send name@domain', () => {
  it('wraps the message for the key the address maps to', async () => {
    const me = user();
    const erin = getPublicKey(generateSecretKey());
    nip05.names = { erin };
    const result = await me.run(['dm', 'send', 'erin@carol.example', 'hi', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).wraps.map((wrap: { recipient: string }) => wrap.recipient).sort()).toEqual([erin, me.pubkey].sort());
  });
});

describe('mutes', () => {
  it('mute, mutes and unmute edit the list; timeline hides muted people, hashtags and words', async () => {
    const me = user();
    const spammer = generateSecretKey();
    const friend = generateSecretKey();
    const notes = [
      signed(spammer, { created_at: NOW - 100, content: 'buy now' }),
      signed(friend, { created_at: NOW - 90, content: 'about #Politics today' }),
      signed(friend, { created_at: NOW - 80, content: 'free AIRDROP' }),
      signed(friend, { created_at: NOW - 70, content: 'gm', tags: [['t', 'spam']] }),
      signed(friend, { created_at: NOW - 60, content: 'a good note' }),
    ];
    await relay.seed(...notes);
    nip05.names = { spam: getPublicKey(spammer) };
    for (const what of ['spam@spam.example', '#politics', 'airdrop', '#SPAM']) expect((await me.run(['mute', what])).code).toBe(0);
    expect((await me.run(['mute', '#politics'])).stdout).toBe('#politics is already muted; nothing changed.\n');
    const list = await me.run(['mutes', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([
      { type: 'pubkey', value: getPublicKey(spammer) },
      { type: 'hashtag', value: 'politics' },
      { type: 'word', value: 'airdrop' },
      { type: 'hashtag', value: 'spam' },
    ]);
    const timeline = await me.run(['timeline', '--global', '--json', '--since', '1h']);
    expect(jsonLines(timeline.stdout).map((e) => e.content)).toEqual(['a good note']);
    expect((await me.run(['unmute', 'airdrop'])).stdout).toMatch(/^Unmuted "airdrop"\.\n/);
    const after = await me.run(['timeline', '--global', '--json', '--since', '1h']);
    expect(jsonLines(after.stdout).map((e) => e.content)).toEqual(['a good note', 'free AIRDROP']);
    // A muted note does not take one of --limit's places: the relays and the cache are asked below it.
    const two = await me.run(['timeline', '--global', '--json', '--since', '1h', '--limit', '2']);
    expect(jsonLines(two.stdout).map((e) => e.content)).toEqual(['a good note', 'free AIRDROP']);
    // Changed on another device: the relays' newer list hides what the cached copy did not know of.
    const [current] = await relay.find({ kinds: [10000], authors: [me.pubkey] });
    await relay.seed(signed(me.secretKey, { kind: 10000, created_at: current!.created_at + 1, content: '', tags: [...current!.tags, ['word', 'good note']] }));
    const elsewhere = await me.run(['timeline', '--global', '--json', '--since', '1h']);
    expect(jsonLines(elsewhere.stdout).map((e) => e.content)).toEqual(['free AIRDROP']);
    await relay.seed(signed(me.secretKey, { kind: 10000, created_at: current!.created_at + 2, content: '', tags: current!.tags }));
    expect((await me.run(['mutes'])).stdout).toBe(`${nip19.npubEncode(getPublicKey(spammer))}\n#politics\n#spam\n`);
    // Once the cache knows the name (the profile looked up), people are named as `following` names them.
    await relay.seed(signed(spammer, { kind: 0, created_at: NOW - 50, content: JSON.stringify({ name: 'Spammer' }) }));
    expect((await me.run(['profile', nip19.npubEncode(getPublicKey(spammer))])).code).toBe(0);
    const label = `Spammer (${shortNpub(getPublicKey(spammer))})`;
    expect((await me.run(['mutes'])).stdout).toBe(`${label}\n#politics\n#spam\n`);
    expect((await me.run(['unmute', 'spam@spam.example'])).stdout).toMatch(new RegExp(`^Unmuted ${label.replace(/[()…]/g, '.')}\\.\n`));
  });
  it('the private part of the list (NIP-44, or NIP-04 from older clients) hides too, and is never made public', async () => {
    for (const encryption of ['nip44', 'nip04'] as const) {
      const me = user();
      const [quiet, loud] = [generateSecretKey(), generateSecretKey()];
      const hidden = JSON.stringify([['p', getPublicKey(quiet)], ['word', 'spoiler']]);
      const content =
        encryption === 'nip44'
          ? nip44.v2.encrypt(hidden, nip44.v2.utils.getConversationKey(me.secretKey, me.pubkey))
          : nip04.encrypt(me.secretKey, me.pubkey, hidden);
      const list = signed(me.secretKey, { kind: 10000, created_at: NOW - 500, content, tags: [['p', getPublicKey(loud)]] });
      await relay.seed(
        list,
        signed(quiet, { created_at: NOW - 30, content: `quiet, ${encryption}` }),
        signed(loud, { created_at: NOW - 20, content: `loud, ${encryption}` }),
        signed(generateSecretKey(), { created_at: NOW - 10, content: `the spoiler, ${encryption}` }),
        signed(generateSecretKey(), { created_at: NOW - 5, content: `fine, ${encryption}` }),
      );
      const timeline = await me.run(['timeline', '--global', '--json', '--since', '1h']);
      expect(jsonLines(timeline.stdout).map((e) => e.content).filter((c) => String(c).endsWith(encryption))).toEqual([`fine, ${encryption}`]);
      expect(JSON.parse((await me.run(['mutes', '--json'])).stdout)).toEqual([
        { type: 'pubkey', value: getPublicKey(loud) },
        { type: 'pubkey', value: getPublicKey(quiet), private: true },
        { type: 'word', value: 'spoiler', private: true },
      ]);
      expect((await me.run(['mutes'])).stdout).toBe(`${nip19.npubEncode(getPublicKey(loud))}\n${nip19.npubEncode(getPublicKey(quiet))}  (private)\n"spoiler"  (private)\n`);
      // Muting again must not copy a private entry into the public tags, where everyone reads it.
      const again = await me.run(['mute', nip19.npubEncode(getPublicKey(quiet))]);
      expect(again).toMatchObject({ code: 0, stdout: `${nip19.npubEncode(getPublicKey(quiet))} is already muted, in the private part of your mute list; nothing changed.\n` });
      const unmute = await me.run(['unmute', 'spoiler']);
      expect(unmute.code).toBe(1);
      expect(unmute.stdout).toMatch(/^"spoiler" is muted in the private part of your mute list, which nostr-tui leaves as another client wrote it; unmute them there\. Nothing changed\.\n/);
      expect(await relay.find({ kinds: [10000], authors: [me.pubkey] })).toEqual([list]);
    }
  });
});
