// Issue 16 item 11, end to end with the built CLI: a 150 kB post against a
// relay whose NIP-11 document says it takes 128 KiB used to be signed, sent,
// closed on, called "unreachable" and resent first by every later command.
// Now: refused before signing when no write relay would take it; a relay that
// closes the connection after an event twice is taken to refuse it; and
// `outbox drop` removes an entry.
import { nsecEncode } from 'nostr-tools/nip19';
import { generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliHome } from '../helpers/cli.js';
import { startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

vi.setConfig({ testTimeout: 90_000 });

const NIP11 = { 'Content-Type': 'application/nostr+json' };
/** strfry's defaults, as its NIP-11 document publishes them. */
const STRFRY_LIMITS = { name: 'strfry-like', limitation: { max_message_length: 131072, max_content_length: 65536, max_event_tags: 2000 } };

let limited: FaultRelay;
let real: TestRelay;
beforeAll(async () => {
  limited = await startFaultRelay({
    onHttp: (req) => (req.headers.accept === 'application/nostr+json' ? { status: 200, headers: NIP11, body: JSON.stringify(STRFRY_LIMITS) } : undefined),
    // Like strfry on an oversized message: close the connection, no OK.
    onEvent: (_event, conn) => conn.drop(),
  });
  real = await startRelay();
});
afterAll(async () => {
  await Promise.all([limited?.stop(), real?.stop()]);
});

async function userHome() {
  const cli = cliHome('nostr-tui-oversize-');
  expect((await cli.run(['key', 'import', nsecEncode(generateSecretKey())])).code).toBe(0);
  return cli;
}

const events = (relay: FaultRelay) => relay.received.filter((r) => r.message[0] === 'EVENT').length;

describe('oversized posts and NIP-11 limits', () => {
  it('a 150 kB post to a relay whose NIP-11 limit is 128 KiB is refused before signing: nothing sent, nothing in the outbox', async () => {
    const cli = await userHome();
    const before = events(limited);
    const result = await cli.run(['post', '-', '--relay', limited.url], { stdin: 'x'.repeat(150_000) });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `nostr-tui: none of your write relays would take this (their NIP-11 limits: ${limited.url}: 150000 characters, it takes at most 65536); shorten it. Nothing was signed or sent.\n`,
    );
    expect(result.stdout).toBe('');
    expect(events(limited)).toBe(before);
    expect((await cli.run(['outbox', '--json'])).stdout).toBe('[]\n');
  });

  it('a post over one relay’s message limit goes to the relays that take it; the other is reported and never retried', async () => {
    const cli = await userHome();
    const before = events(limited);
    // Under max_content_length, over max_message_length once JSON-escaped (each newline is two bytes).
    const text = '\n'.repeat(65_500) + 'end';
    const result = await cli.run(['post', '-', '--relay', limited.url, '--relay', real.url], { stdin: `${text}\n` });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`${limited.url}\\s+rejected: invalid: too large for this relay \\(NIP-11\\): a \\d+-byte message, it takes at most 131072 bytes; not sent`));
    expect(result.stdout).toContain('Accepted by 1 of 2 relays.');
    expect(events(limited)).toBe(before);
  });

  it('a relay that closes the connection after an event twice is taken to refuse it, not retried; outbox drop then removes it', async () => {
    const cli = await userHome();
    const before = events(limited);
    const posted = await cli.run(['post', 'small, but this relay hangs up on it', '--json', '--relay', limited.url]);
    expect(posted.code).toBe(1);
    const id = (JSON.parse(posted.stdout) as { id: string }).id;
    expect(events(limited)).toBe(before + 1);

    const again = await cli.run(['outbox', 'flush', '--relay', limited.url]);
    expect(again.code).toBe(1);
    expect(events(limited)).toBe(before + 2);
    const listed = JSON.parse((await cli.run(['outbox', '--json'])).stdout) as { id: string; results: { permanent: boolean; message: string }[] }[];
    expect(listed.map((e) => e.id)).toEqual([id]);
    expect(listed[0]!.results).toEqual([expect.objectContaining({ permanent: true, message: expect.stringMatching(/closed the connection after this event twice/) })]);

    // Refused for good: a third flush does not send it there again.
    const third = await cli.run(['outbox', 'flush', '--relay', limited.url]);
    expect(third.stdout).toMatch(/kept: every write relay refused it for good/);
    expect(events(limited)).toBe(before + 2);

    // outbox drop: a script must say --yes; then it is gone.
    const unconfirmed = await cli.run(['outbox', 'drop', id]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toBe('nostr-tui: outbox drop removes the event for good; not in a terminal, add --yes to confirm. Nothing was dropped.\n');
    const dropped = await cli.run(['outbox', 'drop', id, '--yes']);
    expect(dropped.code).toBe(0);
    expect(dropped.stdout).toMatch(/^Dropped note1\w+ \(unsent\) from the outbox; it will not be sent again\.\n$/);
    expect((await cli.run(['outbox', '--json'])).stdout).toBe('[]\n');
    const missing = await cli.run(['outbox', 'drop', id, '--yes']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/is not in the outbox/);
  });
});
