// `nostr-tui notifications` as the built binary: exit codes, JSONL on stdout
// (each event byte-exact), nothing on stdout without a key.
import { npubEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { shortNpub } from '../../src/core/identifiers.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../src/store/keys.js';
import { cliHome } from '../helpers/cli.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { notificationScene } from '../helpers/notification-events.js';

const scene = notificationScene(Math.floor(Date.now() / 1000));

describe('nostr-tui notifications (built binary)', () => {
  let relay: TestRelay;
  beforeAll(async () => {
    relay = await startRelay();
    await relay.seed(scene.note, ...scene.notifications);
  });
  afterAll(async () => relay.stop());

  it('--json prints one line per notification with the note it is about, and exits 0', async () => {
    const cli = cliHome('nostr-tui-notifications-cli-');
    new KeyStore(cli.home).save({ pubkey: scene.me.pk });
    const result = await cli.run(['notifications', '--json', '--relay', relay.url]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { type: string }).type)).toEqual(['zap', 'quote', 'reply', 'repost', 'reaction', 'reaction']);
    // The reply's line carries the reply and the user's note exactly as signed.
    expect(lines[2]).toBe(JSON.stringify({ type: 'reply', actor: scene.carol.pk, event: scene.reply, note: scene.note }));
  });

  it('as text: people by the names the cache knows, as in `timeline`, and mentions in what they wrote as @name', async () => {
    const cli = cliHome('nostr-tui-notifications-text-');
    new KeyStore(cli.home).save({ pubkey: scene.me.pk });
    const dave = generateSecretKey();
    const now = Math.floor(Date.now() / 1000);
    await relay.seed(
      finalizeEvent({ kind: 0, created_at: now - 10, tags: [], content: JSON.stringify({ name: 'Dave' }) }, dave),
      finalizeEvent({ kind: 1, created_at: now - 100, tags: [['p', scene.me.pk]], content: `hi nostr:${npubEncode(scene.me.pk)} and nostr:${npubEncode(getPublicKey(dave))}` }, dave),
    );
    // Looking Dave up once puts his profile in the cache.
    expect((await cli.run(['profile', getPublicKey(dave), '--relay', relay.url])).code).toBe(0);
    const result = await cli.run(['notifications', '--relay', relay.url]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const at = lines.indexOf(`@ Dave (${shortNpub(getPublicKey(dave))}) mentioned you`);
    expect(at).toBeGreaterThanOrEqual(0);
    // The user is `you` until their profile has a name (as in the UI).
    expect(lines[at + 1]).toBe('  hi @you and @Dave');
    // Without a cached name, the short npub.
    expect(lines).toContain(`↩ ${shortNpub(scene.carol.pk)} replied to "first words of my note, and then some m…"`);
  });

  it('with nothing to show: nothing on stdout, one line on stderr saying since when, exit 0; --json stays silent', async () => {
    const cli = cliHome('nostr-tui-notifications-cli-');
    new KeyStore(cli.home).save({ pubkey: getPublicKey(generateSecretKey()) });
    const result = await cli.run(['notifications', '--since', '1700000000', '--relay', relay.url]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('nostr-tui: no notifications since 2023-11-14 22:13 UTC.\n');
    // With the default window, how to look further back.
    expect((await cli.run(['notifications', '--relay', relay.url])).stderr).toMatch(/^nostr-tui: no notifications since [-\d]+ [:\d]+ UTC \(`--since 4w` looks further back\)\.\n$/);
    const json = await cli.run(['notifications', '--json', '--relay', relay.url]);
    expect(json).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('without a key: one line on stderr, nothing on stdout, exit 1', async () => {
    const cli = cliHome('nostr-tui-notifications-cli-');
    const result = await cli.run(['notifications', '--relay', relay.url]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^nostr-tui: no key yet[^\n]*\n$/);
  });

  it('a bad --limit is bad input (exit 2)', async () => {
    const cli = cliHome('nostr-tui-notifications-cli-');
    const result = await cli.run(['notifications', '--limit', '0', '--relay', relay.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--limit/);
  });
});
