// `nostr-tui notifications` hides what the mute list hides (NIP-51), as the Notifications view
// does: people (public and private part), hashtags and words. They were printed ("↩ dave replied
// to…"), in --json and --stream --json too, so a desktop notifier alerted on muted people. A zap
// is judged by the zap request inside its receipt (its sender and comment), not by the wallet that signed it.
import type { Event } from 'nostr-tools';
import * as nip44 from 'nostr-tools/nip44';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { describe, expect, it, vi } from 'vitest';
import { cliUser, finished, spawnCli } from '../helpers/cli.js';
import { relayForFile } from '../helpers/file-relay.js';
import { until } from '../helpers/until.js';

vi.setConfig({ testTimeout: 60_000 });

const relay = relayForFile();

describe('notifications and the mute list', () => {
  it('leaves out muted people (public and private), hashtags and words, in text, --json and --stream --json', async () => {
    const { cli, secretKey, pubkey } = await cliUser('nostr-tui-notifications-mutes-');
    const [dave, erin, frank, gina] = [generateSecretKey(), generateSecretKey(), generateSecretKey(), generateSecretKey()];
    const now = Math.floor(Date.now() / 1000);
    const mine = finalizeEvent({ kind: 1, created_at: now - 3600, tags: [], content: 'my note' }, secretKey);
    const reply = (sk: Uint8Array, content: string, at: number, tags: string[][] = []) =>
      finalizeEvent({ kind: 1, created_at: at, tags: [['e', mine.id, '', 'root'], ['p', pubkey], ...tags], content }, sk);
    const hidden = JSON.stringify([['p', getPublicKey(erin)]]);
    const muteList = finalizeEvent(
      {
        kind: 10000,
        created_at: now - 7200,
        tags: [['p', getPublicKey(dave)], ['t', 'football'], ['word', 'spoiler']],
        content: nip44.v2.encrypt(hidden, nip44.v2.utils.getConversationKey(secretKey, pubkey)),
      },
      secretKey,
    );
    // A zap receipt is signed by the wallet; the zap request inside it says who zapped, and with what comment (NIP-57).
    const wallet = generateSecretKey();
    const zap = (sk: Uint8Array, comment: string, at: number) => {
      const request = finalizeEvent({ kind: 9734, created_at: at, tags: [['p', pubkey], ['e', mine.id], ['amount', '2100000']], content: comment }, sk);
      const tags = [['p', pubkey], ['e', mine.id], ['P', request.pubkey], ['bolt11', `lnbc21u1p${'q'.repeat(60)}`], ['description', JSON.stringify(request)]];
      return finalizeEvent({ kind: 9735, created_at: at, tags, content: '' }, wallet);
    };
    await relay.seed(
      mine,
      muteList,
      zap(dave, 'from dave, muted', now - 450),
      zap(gina, 'a spoiler in a zap', now - 350),
      reply(dave, 'dave replied', now - 500),
      reply(erin, 'erin, muted privately', now - 400),
      reply(frank, 'about the match', now - 300, [['t', 'Football']]),
      reply(frank, 'a SPOILER ahead', now - 250),
      reply(gina, 'gina replied', now - 200),
    );
    const contents = (stdout: string) => stdout.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { event: Event }).event.content);

    const json = await cli.run(['notifications', '--json', '--relay', relay.url]);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    expect(contents(json.stdout)).toEqual(['gina replied']);

    const text = await cli.run(['notifications', '--relay', relay.url]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('gina replied');
    expect(text.stdout).not.toMatch(/dave|erin|match|SPOILER|spoiler|zapped/);

    // --limit counts what is shown: the one notification not muted, however many muted ones are newer.
    await relay.seed(reply(dave, 'dave again', now - 100));
    expect(contents((await cli.run(['notifications', '--json', '--limit', '1', '--relay', relay.url])).stdout)).toEqual(['gina replied']);

    const child = spawnCli(['notifications', '--stream', '--json', '--relay', relay.url], { NOSTR_TUI_HOME: cli.home });
    const done = finished(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    await until(() => err.includes('streaming new ones') || undefined, 'the stream to start', 15_000);
    // The muted reply comes first on the one connection; the next one shown proves it was passed over.
    await relay.seed(reply(dave, 'dave, live', now));
    await relay.seed(reply(gina, 'gina, live', now));
    await until(() => out.includes('gina, live') || undefined, 'the live reply', 15_000);
    child.kill('SIGINT');
    expect((await done).code).toBe(0);
    expect(contents(out)).toEqual(['gina replied', 'gina, live']);
  });
});
