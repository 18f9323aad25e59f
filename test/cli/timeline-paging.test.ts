// Issue 10, point 6: relays cap what they return, and the gap must not be
// silent. Over two relays, one capping every answer at 50, `timeline --json
// --limit 300` equals an independent merge of everything both hold.
import type { Event } from 'nostr-tools';
import { generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nip01Order, startCappedRelay } from '../helpers/capped-relay.js';
import type { FaultRelay } from '../helpers/fault-relay.js';
import { signed } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { jsonLines, runInProcess, tempHome } from '../helpers/in-process-cli.js';

const NOW = 1_700_000_000;
const people = Array.from({ length: 5 }, () => generateSecretKey());
// 400 notes over ten hours; some share a second (ties are ordered by id).
const all: Event[] = Array.from({ length: 400 }, (_, i) =>
  signed(people[i % 5]!, { created_at: NOW - 30 - Math.floor(i / 3) * 90, content: `note ${i}` }),
);
// Each relay holds its own part, and a third of the notes are on both.
const onReal = all.filter((_, i) => i % 3 !== 0);
const onCapped = all.filter((_, i) => i % 3 !== 1);

async function run(argv: string[]) {
  const { code, stdout, stderr } = await runInProcess(argv, { home: tempHome('nostr-tui-paging-'), nowSec: NOW });
  return { code, stderr, events: jsonLines(stdout) };
}

/** The answer computed without the client: the union by id, in NIP-01 order. */
function expected(limit: number, since: number, until = Infinity): string[] {
  const union = new Map<string, Event>();
  for (const event of [...onReal, ...onCapped]) union.set(event.id, event);
  return [...union.values()]
    .filter((e) => e.created_at >= since && e.created_at <= until)
    .sort(nip01Order)
    .slice(0, limit)
    .map((e) => e.id);
}

describe('timeline over a relay that caps its answers at 50', () => {
  let real: TestRelay;
  let capped: FaultRelay & { reqs: () => number };
  beforeAll(async () => {
    real = await startRelay();
    await real.seed(...onReal);
    capped = await startCappedRelay(onCapped, 50);
  });
  afterAll(async () => {
    await Promise.all([real?.stop(), capped?.stop()]);
  });

  it('`--json --limit 300` equals an independent merge of everything both relays hold', async () => {
    const before = capped.reqs();
    const result = await run(['timeline', '--global', '--json', '--limit', '300', '--relay', real.url, '--relay', capped.url]);
    expect(result.code).toBe(0);
    expect(result.events.map((e) => e.id)).toEqual(expected(300, NOW - 86_400));
    // It took pages: 300 newest of the merge reach below what one answer of 50 held.
    expect(capped.reqs() - before).toBeGreaterThan(1);
  });

  it('--limit above 1,000 is paged too, and --until ends the window', async () => {
    const until = NOW - 3_600;
    const result = await run(['timeline', '--global', '--json', '--limit', '5000', '--since', '2d', '--until', `${until}`, '--relay', real.url, '--relay', capped.url]);
    expect(result.code).toBe(0);
    expect(result.events.map((e) => e.id)).toEqual(expected(5000, NOW - 2 * 86_400, until));
    const relative = await run(['timeline', '--global', '--json', '--limit', '20', '--until', '1h', '--relay', capped.url]);
    expect(relative.events.map((e) => e.id)).toEqual(expected(400, NOW - 3_600 - 86_400, until).filter((id) => onCapped.some((e) => e.id === id)).slice(0, 20));
  });

  it('refuses --until before --since, and a bad --until, with exit 2', async () => {
    expect((await run(['timeline', '--since', '1h', '--until', '2h', '--relay', real.url])).code).toBe(2);
    const bad = await run(['timeline', '--until', 'soon', '--relay', real.url]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--until "soon" is not understood/);
  });
});
