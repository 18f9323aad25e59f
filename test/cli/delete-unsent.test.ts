// `nostr-tui delete` of a note still in the outbox (no relay accepted it yet): it is taken out, so
// no later `outbox flush` or background retry sends it. Whether the deletion request still goes out
// depends on whether a relay may hold the note (src/store/outbox.ts mayBeOnARelay).
import type { Event } from 'nostr-tools';
import { noteEncode } from 'nostr-tools/nip19';
import { describe, expect, it, vi } from 'vitest';
import { cliUser } from '../helpers/cli.js';
import { relayForFile } from '../helpers/file-relay.js';
import { closedPort } from '../helpers/relay.js';
import { startFaultRelay } from '../helpers/fault-relay.js';

vi.setConfig({ testTimeout: 60_000 });

const relay = relayForFile();

describe('delete a note still in the outbox', () => {
  it('no relay was reachable: the note leaves the outbox and is never sent; no deletion request is needed', async () => {
    const { cli, pubkey } = await cliUser('nostr-tui-delete-unsent-');
    const dead = await closedPort();
    const posted = await cli.run(['post', '--json', '--relay', dead, 'offline regret']);
    expect(posted.code).toBe(1);
    const { id } = JSON.parse(posted.stdout);
    expect(JSON.parse((await cli.run(['outbox', '--json'])).stdout).map((entry: { event: Event }) => entry.event.id)).toEqual([id]);

    const deleted = await cli.run(['delete', id, '--relay', dead]);
    expect(deleted).toMatchObject({ code: 0, stderr: '' });
    expect(deleted.stdout).toBe(
      `Took ${noteEncode(id)} out of the outbox before any relay had it: it will never be sent, so no relay needs asking to delete it.\n`,
    );
    expect(JSON.parse((await cli.run(['outbox', '--json'])).stdout)).toEqual([]);
    // A relay reachable again: nothing goes out (the audit's `outbox flush --relay` delivered the note).
    const flushed = await cli.run(['outbox', 'flush', '--relay', relay.url]);
    expect(flushed.code).toBe(0);
    expect(await relay.find({ authors: [pubkey] })).toEqual([]);
    // The note is gone from the user's own views too.
    const own = await cli.run(['timeline', '--global', '--json', '--relay', dead]);
    expect(own.stdout).toBe('');

    // Deleted again: it says what happened (no relay was ever asked), sends nothing, exit 0; a
    // reachable relay or none, the same.
    for (const to of [relay.url, dead]) {
      const again = await cli.run(['delete', id, '--relay', to]);
      expect(again, to).toMatchObject({ code: 0, stderr: '' });
      expect(again.stdout, to).toBe(
        `You already took ${noteEncode(id)} out of the outbox before any relay had it: it was never sent, so no relay needs asking to delete it; nothing was sent.\n`,
      );
    }
    expect(await relay.find({ authors: [pubkey] })).toEqual([]);
    expect(JSON.parse((await cli.run(['outbox', '--json'])).stdout)).toEqual([]);
  });

  it('--json says what happened: {"deleted","withdrawn":"unsent"}', async () => {
    const { cli } = await cliUser('nostr-tui-delete-unsent-json-');
    const dead = await closedPort();
    const { id } = JSON.parse((await cli.run(['post', '--json', '--relay', dead, 'second thoughts'])).stdout);
    const deleted = await cli.run(['delete', noteEncode(id), '--json', '--relay', dead]);
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.stdout)).toEqual({ deleted: id, withdrawn: 'unsent' });
    const again = await cli.run(['delete', id, '--json', '--relay', dead]);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(again.stdout)).toEqual({ deleted: id, unchanged: 'already-deleted', withdrawn: 'unsent' });
  });

  it('a relay took the note and closed the connection before its OK: the note leaves the outbox, the deletion request goes out', async () => {
    const { cli } = await cliUser('nostr-tui-delete-maybe-sent-');
    const fault = await startFaultRelay({
      onEvent: (event, conn) => (event.kind === 1 ? conn.drop() : conn.send(['OK', event.id, true, ''])),
      // Holds nothing: every request is answered at once, empty.
      onReq: (req) => req.eose(),
    });
    try {
      const posted = await cli.run(['post', '--json', '--relay', fault.url, 'did it arrive?']);
      expect(posted.code).toBe(1);
      const { id } = JSON.parse(posted.stdout);
      const deleted = await cli.run(['delete', id, '--json', '--relay', fault.url]);
      expect(deleted.code).toBe(0);
      const output = JSON.parse(deleted.stdout);
      expect(output).toMatchObject({ deleted: id, withdrawn: 'maybe-sent', event: { kind: 5, tags: [['e', id], ['k', '1']] } });
      expect(output.relays).toEqual([{ url: fault.url, ok: true, message: '' }]);
      expect(JSON.parse((await cli.run(['outbox', '--json'])).stdout)).toEqual([]);
      // The note went out once (with the post), never again.
      const notes = fault.received.filter((r) => r.message[0] === 'EVENT' && (r.message[1] as Event).kind === 1);
      expect(notes).toHaveLength(1);
      // Deleted again: the request went out the first time, and that is what it says.
      const again = await cli.run(['delete', id, '--relay', fault.url]);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/^You already asked the relays to delete note1\w+, and none of them has it; nothing was sent\.\n$/);
    } finally {
      await fault.stop();
    }
  });
});
