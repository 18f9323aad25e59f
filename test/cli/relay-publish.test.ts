// `relay add/remove` publish the user's relay lists: kind 10002 (NIP-65) by
// default, changed from the newest copy on the relays with every other tag
// kept; `--local` changes only config.json; `--dm` edits kind 10050 (NIP-17).
// When no relay answered, nothing changes, not even the config.
import fs from 'node:fs';
import { nsecEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliHome } from '../helpers/cli.js';
import { startFaultRelay } from '../helpers/fault-relay.js';
import { closedPort, startRelay, type TestRelay } from '../helpers/relay.js';
import { startSilentRelay } from '../helpers/silent-relay.js';

vi.setConfig({ testTimeout: 90_000 });

let relay: TestRelay;
let other: TestRelay;
let downUrl: string;
beforeAll(async () => {
  [relay, other] = await Promise.all([startRelay(), startRelay()]);
  const gone = await startRelay();
  downUrl = gone.url;
  await gone.stop();
});
afterAll(async () => {
  await Promise.all([relay?.stop(), other?.stop()]);
});

const env = { NOSTR_TUI_DISCOVERY_RELAYS: '' };
const nowSec = () => Math.floor(Date.now() / 1000);

async function home(relays: string[]) {
  const secretKey = generateSecretKey();
  const cli = cliHome('nostr-tui-relaypub-');
  const run = (args: string[]) => cli.run(args, { env });
  expect((await run(['key', 'import', nsecEncode(secretKey)])).code).toBe(0);
  fs.writeFileSync(cli.file('config.json'), JSON.stringify({ relays: relays.map((url) => ({ url, read: true, write: true })) }));
  return { cli, run, secretKey, pubkey: getPublicKey(secretKey), config: () => JSON.parse(fs.readFileSync(cli.file('config.json'), 'utf8')) };
}

describe('relay add/remove publish kind 10002', () => {
  it('edits the newest published list, keeping its other tags and content', async () => {
    const me = await home([relay.url]);
    // An older and a newer list elsewhere; the newer one has a tag nostr-tui does not know.
    await relay.seed(finalizeEvent({ kind: 10002, created_at: nowSec() - 200, tags: [['r', 'wss://old.example']], content: '' }, me.secretKey));
    await relay.seed(
      finalizeEvent({ kind: 10002, created_at: nowSec() - 100, tags: [['r', 'wss://kept.example', 'read'], ['x-note', 'keep me']], content: 'c' }, me.secretKey),
    );
    const added = await me.run(['relay', 'add', other.url, '--write-only']);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`Added ${other.url} (write only).`);
    expect(added.stdout).toContain('Published your relay list (kind 10002):');
    const [list] = await other.find({ kinds: [10002], authors: [me.pubkey] });
    expect(list!.tags).toEqual([['r', 'wss://kept.example', 'read'], ['x-note', 'keep me'], ['r', other.url, 'write']]);
    expect(list!.content).toBe('c');
    expect(me.config().relays).toEqual([{ url: relay.url, read: true, write: true }, { url: other.url, read: false, write: true }]);

    const removed = await me.run(['relay', 'remove', other.url]);
    expect(removed.code).toBe(0);
    const [after] = await relay.find({ kinds: [10002], authors: [me.pubkey] });
    expect(after!.tags).toEqual([['r', 'wss://kept.example', 'read'], ['x-note', 'keep me']]);
    expect(after!.created_at).toBeGreaterThan(list!.created_at - 1);
    expect(me.config().relays).toEqual([{ url: relay.url, read: true, write: true }]);
  });

  it('with no list anywhere, the first one is the configured relays; --local publishes nothing', async () => {
    const me = await home([relay.url]);
    const local = await me.run(['relay', 'add', 'wss://local-only.example', '--local']);
    expect(local.stdout).toBe('Added wss://local-only.example (read, write).\n');
    expect(await relay.find({ kinds: [10002], authors: [me.pubkey] })).toEqual([]);
    expect((await me.run(['relay', 'remove', 'wss://local-only.example', '--local'])).code).toBe(0);
    const first = await me.run(['relay', 'add', other.url, '--read-only']);
    expect(first.code).toBe(0);
    const [list] = await relay.find({ kinds: [10002], authors: [me.pubkey] });
    expect(list!.tags).toEqual([['r', relay.url], ['r', other.url, 'read']]);
  });

  it('a discovery relay that is down refuses nothing; one that holds a newer list is edited from', async () => {
    const me = await home([relay.url]);
    const withIndexer = (url: string) => (args: string[]) => me.cli.run(args, { env: { NOSTR_TUI_DISCOVERY_RELAYS: url } });
    const first = await withIndexer(downUrl)(['relay', 'add', other.url]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect((await relay.find({ kinds: [10002], authors: [me.pubkey] }))[0]!.tags).toEqual([['r', relay.url], ['r', other.url]]);
    // A newer list another client sent only to an indexer (here: the other relay, as one).
    const indexer = await startRelay();
    try {
      await indexer.seed(finalizeEvent({ kind: 10002, created_at: nowSec() + 5, tags: [['r', relay.url], ['r', other.url], ['r', 'wss://kept.example', 'write']], content: '' }, me.secretKey));
      expect((await withIndexer(indexer.url)(['relay', 'remove', other.url])).code).toBe(0);
      const lists = (await relay.find({ kinds: [10002], authors: [me.pubkey] })).sort((a, b) => b.created_at - a.created_at);
      expect(lists[0]!.tags).toEqual([['r', relay.url], ['r', 'wss://kept.example', 'write']]);
    } finally {
      await indexer.stop();
    }
  });

  it('with no relays at all (discovery off), the relay being added is asked and takes the first list; edits from the newest copy say to add one', async () => {
    const me = await home([]);
    const follow = await me.run(['follow', getPublicKey(generateSecretKey())]);
    expect(follow.code).toBe(1);
    expect(follow.stderr).toBe(
      'nostr-tui: you have no relays to ask for your current follow list, so nothing was changed: add one with `nostr-tui relay add wss://…` (or pass --relay).\n',
    );
    const shown = await me.run(['following']);
    expect(shown.code).toBe(1);
    expect(shown.stderr).toBe('nostr-tui: you have no relays to ask for your follow list: add one with `nostr-tui relay add wss://…` (or pass --relay).\n');

    const added = await me.run(['relay', 'add', other.url]);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const [list] = await other.find({ kinds: [10002], authors: [me.pubkey] });
    expect(list!.tags).toEqual([['r', other.url]]);
    expect(me.config().relays).toEqual([{ url: other.url, read: true, write: true }]);
  });

  it('refuses when no relay answered, and leaves config.json as it was', async () => {
    const me = await home([downUrl]);
    const before = fs.readFileSync(me.cli.file('config.json'), 'utf8');
    const result = await me.run(['relay', 'add', await closedPort()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no relay answered \(2 asked\), so your current relay list \(kind 10002\) is unknown; nothing was changed/);
    expect(fs.readFileSync(me.cli.file('config.json'), 'utf8')).toBe(before);
    // The relay being added answers, but the configured one does not, and neither has a list.
    const partly = await me.run(['relay', 'add', other.url]);
    expect(partly.code).toBe(1);
    expect(partly.stderr).toMatch(/only 1 of 2 relays answered and none had your relay list \(kind 10002\)/);
    expect(fs.readFileSync(me.cli.file('config.json'), 'utf8')).toBe(before);
    const dm = await me.run(['relay', 'add', other.url, '--dm']);
    expect(dm.code).toBe(1);
    // DM relays are kept only in the published list: no --local to offer (it cannot go with --dm).
    expect(dm.stderr).toBe(
      'nostr-tui: no relay answered (1 asked), so your current DM relay list (kind 10050) is unknown; nothing was changed. ' +
        'Try again when they are reachable (`nostr-tui doctor` checks them); your DM relays are kept only in that published list, not in config.json.\n',
    );
  });

  it('the relay being added is asked too: the list it holds (the user\'s own relay, unknown to the others) is the one edited, not replaced', async () => {
    const mine = await startRelay();
    try {
      const me = await home([relay.url]);
      await mine.seed(finalizeEvent({ kind: 10002, created_at: nowSec() - 100, tags: [['r', mine.url], ['r', 'wss://elsewhere.example', 'read']], content: '' }, me.secretKey));
      const added = await me.run(['relay', 'add', mine.url]);
      expect(added.code).toBe(0);
      // Already on the list it holds: nothing to publish, and that list stays as it was.
      const [list] = await mine.find({ kinds: [10002], authors: [me.pubkey] });
      expect(list!.tags).toEqual([['r', mine.url], ['r', 'wss://elsewhere.example', 'read']]);
      expect(await relay.find({ kinds: [10002], authors: [me.pubkey] })).toEqual([]);
      expect(me.config().relays.map((r: { url: string }) => r.url)).toEqual([relay.url, mine.url]);
    } finally {
      await mine.stop();
    }
  });

  it('a relay gone for good (doctor says to remove it) is removed when the others answered, though none had a list; one that connects and stays silent still counts', async () => {
    const me = await home([relay.url, downUrl]);
    // No list anywhere: the first one lists the relays left.
    const removed = await me.run(['relay', 'remove', downUrl]);
    expect(removed.stderr).toBe('');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`Removed ${downUrl}.`);
    expect(me.config().relays.map((r: { url: string }) => r.url)).toEqual([relay.url]);
    const [list] = await relay.find({ kinds: [10002], authors: [me.pubkey] });
    expect(list!.tags).toEqual([['r', relay.url]]);

    // Connected, but no EOSE: it may hold a newer list, so its removal waits for it; so does a
    // relay still opening the connection when the wait ran out (it may only be slow).
    const mute = await startFaultRelay({});
    const stuck = await startSilentRelay();
    try {
      const two = await home([relay.url, mute.url]);
      const refused = await two.run(['relay', 'remove', mute.url]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/only 1 of 2 relays answered and none had your relay list \(kind 10002\).*nothing was changed\. Try again when they are reachable, or use --local to change only config\.json\./);
      expect(two.config().relays.map((r: { url: string }) => r.url)).toEqual([relay.url, mute.url]);
      const three = await home([relay.url, stuck.url]);
      const slow = await three.run(['relay', 'remove', stuck.url]);
      expect(slow.code).toBe(1);
      expect(slow.stderr).toMatch(/only 1 of 2 relays answered and none had your relay list/);
      expect((await two.run(['relay', 'remove', mute.url, '--local'])).code).toBe(0);
      expect(two.config().relays.map((r: { url: string }) => r.url)).toEqual([relay.url]);
    } finally {
      await Promise.all([stuck.stop(), mute.stop()]);
    }
  });

  it('--dm adds to and removes from the newest kind 10050, keeping other tags; relay list shows it', async () => {
    const me = await home([relay.url]);
    await relay.seed(finalizeEvent({ kind: 10050, created_at: nowSec() - 100, tags: [['relay', 'wss://dm.example'], ['client', 'x']], content: '' }, me.secretKey));
    expect((await me.run(['relay', 'add', other.url, '--dm'])).code).toBe(0);
    let [list] = await relay.find({ kinds: [10050], authors: [me.pubkey] });
    expect(list!.tags).toEqual([['relay', 'wss://dm.example'], ['client', 'x'], ['relay', other.url]]);
    const shown = await me.run(['relay', 'list']);
    expect(shown.stdout).toContain(`DM relays (kind 10050): wss://dm.example  ${other.url}`);
    expect((await me.run(['relay', 'remove', 'wss://dm.example', '--dm'])).code).toBe(0);
    [list] = await relay.find({ kinds: [10050], authors: [me.pubkey] });
    expect(list!.tags).toEqual([['client', 'x'], ['relay', other.url]]);
    const notThere = await me.run(['relay', 'remove', 'wss://dm.example', '--dm']);
    expect(notThere.code).toBe(2);
    expect(me.config().relays).toEqual([{ url: relay.url, read: true, write: true }]);
  });

  it('relay list says whether the published list (kind 10002) matches config.json, and whether anyone can send you a private message', async () => {
    const me = await home([relay.url]);
    const none = await me.run(['relay', 'list']);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe(
      [
        `${relay.url}  read, write`,
        '',
        'Published relay list (kind 10002): none, so others cannot find where you write and read (NIP-65); `nostr-tui relay add <url>` without --local publishes it.',
        'DM relays (kind 10050): none, and no read relays published, so no one can send you private messages (`nostr-tui relay add <url> --dm`).',
        '',
      ].join('\n'),
    );
    // Publishing the configured relays (adding one already there publishes the list).
    expect((await me.run(['relay', 'add', relay.url])).code).toBe(0);
    const same = await me.run(['relay', 'list']);
    expect(same.stdout).toContain('\nPublished relay list (kind 10002): the same as above.\n');
    expect(same.stdout).toContain('DM relays (kind 10050): none; private messages to you go to your read relays, if the sender allows');
    // A --local edit leaves the published list behind: both are shown.
    expect((await me.run(['relay', 'add', other.url, '--local'])).code).toBe(0);
    const differs = await me.run(['relay', 'list']);
    expect(differs.stdout).toContain(`Published relay list (kind 10002), which others read (NIP-65); it differs from the relays above:\n${relay.url}  read, write\n`);
  });
  it('removing the last write relay (or making it read only) is refused before config.json is touched', async () => {
    const me = await home([relay.url]);
    await relay.seed(finalizeEvent({ kind: 10002, created_at: nowSec() - 100, tags: [['r', relay.url]], content: '' }, me.secretKey));
    const before = fs.readFileSync(me.cli.file('config.json'), 'utf8');
    for (const args of [['relay', 'remove', relay.url], ['relay', 'add', relay.url, '--read-only']]) {
      const refused = await me.run(args);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toBe(
        'nostr-tui: no write relay would be left to publish your relay list (kind 10002) to, so nothing was changed: add another first with `nostr-tui relay add wss://…`, or use --local to change only config.json.\n',
      );
      expect(fs.readFileSync(me.cli.file('config.json'), 'utf8')).toBe(before);
    }
    expect((await relay.find({ kinds: [10002], authors: [me.pubkey] }))[0]!.tags).toEqual([['r', relay.url]]);
  });

  it('a relay only in the published list (not in config.json) is removed from it; one in neither is not one of yours', async () => {
    const me = await home([relay.url]);
    await relay.seed(finalizeEvent({ kind: 10002, created_at: nowSec() - 100, tags: [['r', relay.url], ['r', 'wss://published-only.example', 'read']], content: '' }, me.secretKey));
    const before = fs.readFileSync(me.cli.file('config.json'), 'utf8');
    const removed = await me.run(['relay', 'remove', 'wss://published-only.example']);
    expect(removed.stderr).toBe('');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('wss://published-only.example was not in config.json; removed it from your published relay list.\nPublished your relay list (kind 10002):\n');
    const lists = (await relay.find({ kinds: [10002], authors: [me.pubkey] })).sort((a, b) => b.created_at - a.created_at);
    expect(lists[0]!.tags).toEqual([['r', relay.url]]);
    expect(fs.readFileSync(me.cli.file('config.json'), 'utf8')).toBe(before);

    const nowhere = await me.run(['relay', 'remove', 'wss://published-only.example']);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toBe('nostr-tui: wss://published-only.example is not one of your relays; `nostr-tui relay list` shows them.\n');
  });
});
