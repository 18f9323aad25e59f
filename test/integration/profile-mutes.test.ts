// `profile set` and mute-list edits against real relays: each starts from the
// newest copy anywhere and keeps everything it does not change.
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../src/client/client.js';
import { currentMutes, loadMuteSet, localMutes, mute, unmute } from '../../src/client/mutes.js';
import { fetchProfile, setProfile } from '../../src/client/profile-edit.js';
import { isMuted } from '../../src/core/mutes.js';
import { KeyStore } from '../../src/store/keys.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { manualClock } from '../helpers/store.js';

let relayA: TestRelay;
let relayB: TestRelay;
let deadUrl: string;
const clients: Client[] = [];

beforeAll(async () => {
  [relayA, relayB] = await Promise.all([startRelay(), startRelay()]);
  // A port that refuses connections: a relay that never answers.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  deadUrl = `ws://127.0.0.1:${(server.address() as { port: number }).port}`;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await Promise.all([relayA?.stop(), relayB?.stop()]);
});

const NOW = 1_800_000_000;

function setup(relays: string[], secretKey = generateSecretKey()) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-people-'));
  const pubkey = getPublicKey(secretKey);
  new KeyStore(home).save({ pubkey, secret: { type: 'plain', secretKey } });
  const client = createClient({ paths: { configDir: home, dataDir: path.join(home, 'data') }, env: {}, clock: manualClock(NOW * 1000), relayOverride: relays, eoseTimeoutMs: 2_000 });
  clients.push(client);
  return { client, secretKey, pubkey };
}

describe('profile set', () => {
  it('changes only the given fields of the newest kind 0, whichever relay holds it, keeping unknown fields and tags', async () => {
    const { client, secretKey, pubkey } = setup([relayA.url, relayB.url]);
    const older = finalizeEvent({ kind: 0, created_at: NOW - 100, tags: [], content: JSON.stringify({ name: 'old', about: 'stale' }) }, secretKey);
    const newestContent = { name: 'alice', about: 'hi', lud16: 'a@ln.example', custom_field: { nested: [1, 'x'] }, bot: false };
    const newest = finalizeEvent({ kind: 0, created_at: NOW - 10, tags: [['i', 'github:alice', 'proof']], content: JSON.stringify(newestContent) }, secretKey);
    await relayA.seed(older);
    await relayB.seed(newest);

    const edit = await setProfile(client, { name: 'X', website: 'https://x.example' });
    expect(JSON.parse(edit.event.content)).toEqual({ ...newestContent, name: 'X', website: 'https://x.example' });
    // Field order kept: the changed one in its place, the new one at the end.
    expect(Object.keys(JSON.parse(edit.event.content))).toEqual(['name', 'about', 'lud16', 'custom_field', 'bot', 'website']);
    expect(edit.event.tags).toEqual([['i', 'github:alice', 'proof']]);
    expect(edit.event.created_at).toBe(NOW);
    expect(edit.results.map((result) => result.ok)).toEqual([true, true]);
    for (const relay of [relayA, relayB]) expect((await relay.find({ kinds: [0], authors: [pubkey] }))[0]!.id).toBe(edit.event.id);

    // An empty value removes a field; a second edit in the same second still wins.
    const second = await setProfile(client, { about: '' });
    expect(JSON.parse(second.event.content)).toEqual({ name: 'X', lud16: 'a@ln.example', custom_field: { nested: [1, 'x'] }, bot: false, website: 'https://x.example' });
    expect(second.event.created_at).toBe(NOW + 1);
    expect((await fetchProfile(client, pubkey)).event!.id).toBe(second.event.id);
  });

  it('refuses when no relay answered, before anything is signed or sent', async () => {
    const { client, secretKey } = setup([deadUrl]);
    client.store().events.put(finalizeEvent({ kind: 0, created_at: NOW - 5, tags: [], content: '{"name":"local"}' }, secretKey));
    await expect(setProfile(client, { name: 'X' })).rejects.toThrow(/no relay answered \(1 asked\), so your current profile is unknown; nothing was changed/);
    expect(client.store().outbox.pending()).toEqual([]);
  });

  it('refuses when some relays did not answer and none of the others had a profile', async () => {
    const { client } = setup([relayA.url, deadUrl]);
    await expect(setProfile(client, { name: 'X' })).rejects.toThrow(/only 1 of 2 relays answered and none had your profile/);
  });

  it('refuses bad values before any network', async () => {
    const { client } = setup([deadUrl]);
    await expect(setProfile(client, { picture: 'javascript:alert(1)' })).rejects.toThrow(/--picture must be an http\(s\) URL/);
    await expect(setProfile(client, { nip05: 'not an address' })).rejects.toThrow(/--nip05 must be a NIP-05 address/);
  });
});

describe('mute list', () => {
  it('adds and removes entries from the newest list, keeping other tags and the private content; read back on a new machine', async () => {
    const secretKey = generateSecretKey();
    const { client, pubkey } = setup([relayA.url, relayB.url], secretKey);
    const spammer = getPublicKey(generateSecretKey());
    const kept = getPublicKey(generateSecretKey());
    await relayA.seed(finalizeEvent({ kind: 10000, created_at: NOW - 100, tags: [['p', spammer]], content: '' }, secretKey));
    await relayB.seed(finalizeEvent({ kind: 10000, created_at: NOW - 10, tags: [['p', kept], ['e', 'a'.repeat(64)], ['t', 'Politics']], content: 'encrypted-private?iv=x' }, secretKey));

    const first = await mute(client, { type: 'pubkey', value: spammer });
    expect(first.event!.tags).toEqual([['p', kept], ['e', 'a'.repeat(64)], ['t', 'Politics'], ['p', spammer]]);
    expect(first.event!.content).toBe('encrypted-private?iv=x');
    expect((await mute(client, { type: 'hashtag', value: 'politics' })).unchanged).toBe('already-muted');
    const word = await mute(client, { type: 'word', value: 'airdrop' });
    expect(word.event!.tags.at(-1)).toEqual(['word', 'airdrop']);
    const removed = await unmute(client, { type: 'hashtag', value: 'politics' });
    expect(removed.event!.tags).toEqual([['p', kept], ['e', 'a'.repeat(64)], ['p', spammer], ['word', 'airdrop']]);
    expect((await unmute(client, { type: 'word', value: 'nothing' })).unchanged).toBe('not-muted');
    expect((await mute(client, { type: 'pubkey', value: pubkey })).unchanged).toBe('self');

    // Another machine with the same key and no local copy reads the list back from the relays.
    const { client: other } = setup([relayA.url, relayB.url], secretKey);
    expect(localMutes(other)).toEqual([]);
    expect((await currentMutes(other)).entries).toEqual([
      { type: 'pubkey', value: kept },
      { type: 'pubkey', value: spammer },
      { type: 'word', value: 'airdrop' },
    ]);
    const set = await loadMuteSet(other);
    expect(isMuted({ kind: 1, pubkey: spammer, tags: [], content: 'gm' }, set)).toBe(true);
    expect(isMuted({ kind: 1, pubkey: pubkey, tags: [], content: 'free AIRDROP now' }, set)).toBe(true);
    expect(isMuted({ kind: 1, pubkey: pubkey, tags: [], content: 'gm' }, set)).toBe(false);
  });

  it('refuses when no relay answered', async () => {
    const { client } = setup([deadUrl]);
    await expect(mute(client, { type: 'word', value: 'x' })).rejects.toThrow(/no relay answered \(1 asked\), so your current mute list is unknown/);
  });
});
