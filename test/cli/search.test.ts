// `nostr-tui search` and `timeline --tag`, run as a user would (the built CLI):
// the cache searched offline, a NIP-50 relay's answers verified and merged,
// relays refusing search reported, hashtag feeds from the real relay.
import path from 'node:path';
import type { Event } from 'nostr-tools';
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { runCli } from '../helpers/cli.js';
import { withForgedContent } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { startSearchRelay, type SearchRelay } from '../helpers/search-relay.js';
import { manualClock, tempDir } from '../helpers/store.js';

const UNREACHABLE = 'ws://127.0.0.1:1';
const now = Math.floor(Date.now() / 1000);
const [alice, bob] = [generateSecretKey(), generateSecretKey()];
const note = (sk: Uint8Array, ago: number, content: string, tags: string[][] = []): Event =>
  finalizeEvent({ kind: 1, created_at: now - ago, tags, content }, sk);
const jsonl = (events: Event[]) => events.map((event) => JSON.stringify(event) + '\n').join('');
/** The ids of JSONL output (the real relay sends its own field order; byte-exactness is checked against the scripted relay). */
const idsOf = (stdout: string) => stdout.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as Event).id);

describe('search', () => {
  let relay: TestRelay;
  const zebra = note(alice, 300, 'A zebra crossed the road');
  const other = note(bob, 200, 'nothing striped here');
  const cjk = note(bob, 250, '今日は日本でラーメン🍜を食べた');
  const tagged = note(alice, 100, 'hello #Nostr friends', [['t', 'nostr']]);
  const taggedOther = note(bob, 90, 'about #bitcoin', [['t', 'bitcoin']]);
  beforeAll(async () => {
    relay = await startRelay();
    await relay.seed(zebra, other, cjk, tagged, taggedOther);
  });
  afterAll(() => relay.stop());

  it('finds a note an earlier run cached, with the network off (exit 0, a warning, JSONL byte-exact)', async () => {
    const env = { NOSTR_TUI_HOME: tempDir('nostr-tui-search-') };
    // The earlier run: the timeline, from the real relay, fills the cache.
    const earlier = await runCli(['timeline', '--global', '--json', '--relay', relay.url], env);
    expect(earlier.code).toBe(0);
    expect(earlier.stdout).toContain(zebra.id);

    const offline = await runCli(['search', 'zebra', '--json', '--relay', UNREACHABLE], env);
    expect(offline.code).toBe(0);
    expect(idsOf(offline.stdout)).toEqual([zebra.id]);
    expect(offline.stderr).toContain('no search relay answered');
    expect(offline.stderr).toContain('1 found: cache 1 · relays 0');

    const local = await runCli(['search', '日本', '--local', '--json'], env);
    expect(local.code).toBe(0);
    expect(idsOf(local.stdout)).toEqual([cjk.id]);
    expect(local.stderr).toBe('nostr-tui: 1 found: cache 1 · relays 0\n'); // no relay asked, no warning
    expect(idsOf((await runCli(['search', '🍜', '--local', '--json'], env)).stdout)).toEqual([cjk.id]);

    const text = await runCli(['search', 'ZEBRA', '--local'], env);
    expect(text.stdout).toContain('A zebra crossed the road');
  });

  it('merges verified NIP-50 answers with local hits, drops forged ones, reports relays that refuse', async () => {
    const home = tempDir('nostr-tui-search-');
    const store = openStore(path.join(home, 'data'), { clock: manualClock(now * 1000) });
    const cached = note(alice, 500, 'penguin in the cache');
    store.events.put(cached);
    store.close();
    const remote = note(bob, 50, 'a penguin from the search relay');
    const forged = withForgedContent(note(bob, 40, 'an honest note'), 'penguin forged in transit');
    const searcher: SearchRelay = await startSearchRelay([remote, forged, cached]);
    const refusing = await startSearchRelay([], { refuse: true, notice: 'search\u001b[31m is off here' });
    try {
      const env = { NOSTR_TUI_HOME: home, NOSTR_TUI_SEARCH_RELAYS: `${searcher.url},${refusing.url}` };
      const result = await runCli(['search', 'penguin', '--json'], env);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(jsonl([remote, cached]));
      expect(searcher.searches).toEqual(['penguin']);
      expect(result.stderr).toContain('2 found: cache 1 · relays 1');
      expect(result.stderr).toContain('1 with a bad id or signature');
      expect(result.stderr).toMatch(new RegExp(`relay ${refusing.url.replace(/[/.]/g, '\\$&')}: failed: .*search is not supported`));
      // Its NOTICE too, cleaned of terminal control sequences.
      expect(result.stderr).toContain(`relay ${refusing.url}: notice: search`);
      expect(result.stderr).not.toContain('\u001b');

      // What the relay found is cached (verified) for the next, offline search.
      const later = await runCli(['search', 'penguin', '--local', '--json'], env);
      expect(later.stdout).toBe(jsonl([remote, cached]));
    } finally {
      await searcher.stop();
      await refusing.stop();
    }
  });

  it('finds people by name, display name or NIP-05 (--people)', async () => {
    const home = tempDir('nostr-tui-search-');
    const store = openStore(path.join(home, 'data'), { clock: manualClock(now * 1000) });
    const jack = finalizeEvent({ kind: 0, created_at: now - 10, tags: [], content: JSON.stringify({ name: 'jack', nip05: 'jack@cash.app' }) }, alice);
    store.events.put(jack);
    store.events.put(finalizeEvent({ kind: 0, created_at: now - 10, tags: [], content: JSON.stringify({ name: 'bob', about: 'jack fan' }) }, bob));
    store.close();
    const env = { NOSTR_TUI_HOME: home };
    const result = await runCli(['search', '--people', 'jac', '--local', '--json'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(jsonl([jack]));
    const text = await runCli(['search', '--people', 'cash.app', '--local'], env);
    // Never looked up (--local asks no one): the address is not shown as an identity.
    expect(text.stdout).toMatch(/^npub1\w+ {2}jack {2}jack@cash\.app \(not verified\)\n$/);
  });

  it('timeline --tag asks for #t notes (any of the tags), from everyone', async () => {
    const env = { NOSTR_TUI_HOME: tempDir('nostr-tui-search-') };
    const one = await runCli(['timeline', '--tag', '#Nostr', '--json', '--relay', relay.url], env);
    expect(one.code).toBe(0);
    expect(idsOf(one.stdout)).toEqual([tagged.id]);
    const both = await runCli(['timeline', '--tag', 'nostr', '--tag', 'bitcoin', '--json', '--relay', relay.url], env);
    expect(idsOf(both.stdout)).toEqual([taggedOther.id, tagged.id]);
    const bad = await runCli(['timeline', '--tag', 'two words', '--relay', relay.url], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('is not a hashtag');
  });

  it('says what is wrong with bad input, in one line', async () => {
    const env = { NOSTR_TUI_HOME: tempDir('nostr-tui-search-') };
    const empty = await runCli(['search', '  '], env);
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toContain('give something to search for');
    const badRelay = await runCli(['search', 'x'], { ...env, NOSTR_TUI_SEARCH_RELAYS: 'http://nope' });
    expect(badRelay.code).not.toBe(0);
    expect(badRelay.stderr).toContain('NOSTR_TUI_SEARCH_RELAYS');
  });
});
