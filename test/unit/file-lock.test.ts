// One change at a time to config.json and keys.json (src/store/file-lock.ts): the lock is a file
// created with O_EXCL next to the one it guards; one left by a dead process, or held too long, is
// taken over, and a live one is waited for and then reported.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { withFileLock } from '../../src/store/file-lock.js';

function dir() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-lock-'));
  return { file: path.join(home, 'config.json'), lock: path.join(home, 'config.json.lock') };
}

const holder = (pid: number, at: number, host = os.hostname()) => JSON.stringify({ host, pid, token: 'theirs', at });

describe('withFileLock', () => {
  it('holds the lock while the change runs and leaves nothing behind', () => {
    const { file, lock } = dir();
    const seen = withFileLock(file, () => JSON.parse(fs.readFileSync(lock, 'utf8')) as { pid: number; host: string });
    expect(seen).toMatchObject({ pid: process.pid, host: os.hostname() });
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('is let go when the change throws', () => {
    const { file, lock } = dir();
    expect(() =>
      withFileLock(file, () => {
        throw new Error('bad input');
      }),
    ).toThrow('bad input');
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('takes over a lock whose process has died', () => {
    const { file, lock } = dir();
    // Pids are below 2^22 on Linux: this one runs nowhere.
    fs.writeFileSync(lock, holder(2 ** 22 + 7, Date.now()));
    expect(withFileLock(file, () => 'changed')).toBe('changed');
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('takes over a lock held longer than a change can take, even by a running process', () => {
    const { file, lock } = dir();
    fs.writeFileSync(lock, holder(process.ppid, Date.now() - 6_000));
    expect(withFileLock(file, () => 'changed')).toBe('changed');
  });

  it('waits for a live holder, then says what to do, changing nothing', () => {
    const { file, lock } = dir();
    const start = Date.now();
    // Held on another host (a home on a shared disk) whose clock is ahead: never left over by age here.
    fs.writeFileSync(lock, holder(process.ppid, start + 60_000, 'another-host'));
    // The clock jumps past the wait at its second reading.
    let reads = 0;
    const now = () => (reads++ === 0 ? start : start + 9_000);
    let ran = false;
    let error: unknown;
    try {
      withFileLock(file, () => (ran = true), now);
    } catch (caught) {
      error = caught;
    }
    expect(ran).toBe(false);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `another nostr-tui is changing ${file} (${lock} exists); nothing was written. Run the command again; if no nostr-tui is running, remove that file first.`,
    );
    expect(JSON.parse(fs.readFileSync(lock, 'utf8'))).toMatchObject({ token: 'theirs' });
  });

  it('never removes a lock another process took over meanwhile', () => {
    const { file, lock } = dir();
    withFileLock(file, () => {
      // This process was stopped past STALE_MS and another took the lock over.
      fs.writeFileSync(lock, holder(process.ppid, Date.now()));
    });
    expect(JSON.parse(fs.readFileSync(lock, 'utf8'))).toMatchObject({ token: 'theirs' });
  });
});
