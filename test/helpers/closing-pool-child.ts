// Run by test/integration/pool-exit.test.ts in a process of its own: a pool with real timers
// asks the relay at argv[2], is closed when a line comes on stdin, and prints "closed". The
// process must then end by itself: nothing the pool started may hold it open.
import { createPool } from '../../src/net/pool.js';

const url = process.argv[2]!;
// Long enough that a timer left behind is unmistakable: the test would time out waiting.
const pool = createPool({ relays: [{ url, read: true, write: true }], eoseTimeoutMs: 120_000 });
pool.subscribe([{ kinds: [1] }], { onevent() {} });
process.stdin.once('data', () => {
  process.stdin.destroy();
  void pool.close().then(() => process.stdout.write('closed\n'));
});
