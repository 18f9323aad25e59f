// Child process for store tests: opens the store in argv[2], saves one outbox
// entry (argv[3], JSON) and 2,000 filler events, moves the log into the main
// file, prints "ready", then stays alive until killed.
import Database from 'better-sqlite3';
import path from 'node:path';
import type { Event } from 'nostr-tools';
import { DATABASE_FILE } from '../../src/store/database.js';
import { openStore } from '../../src/store/open.js';

const [dataDir, outboxJson] = process.argv.slice(2);
const store = openStore(dataDir!, { clock: { now: () => Date.now() } });
store.outbox.add(JSON.parse(outboxJson!) as Event);
store.events.putMany(
  Array.from({ length: 2000 }, (_, n) => ({
    id: (n + 1).toString(16).padStart(64, '0'),
    pubkey: 'b'.repeat(64),
    created_at: 1_700_000_000 + n,
    kind: 1,
    tags: [['t', `tag${n % 7}`]],
    content: `note ${n} `.repeat(40),
    sig: 'c'.repeat(128),
  })),
);
const other = new Database(path.join(dataDir!, DATABASE_FILE));
other.pragma('wal_checkpoint(TRUNCATE)');
other.close();
process.stdout.write('ready\n');
setInterval(() => {}, 60_000);
