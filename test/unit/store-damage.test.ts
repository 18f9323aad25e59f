import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Event } from 'nostr-tools';
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { DATABASE_FILE } from '../../src/store/database.js';
import { openStore } from '../../src/store/open.js';
import { manualClock, tempDir } from '../helpers/store.js';

const HOLDER = path.resolve(import.meta.dirname, '../helpers/store-holder.ts');
const sk = generateSecretKey();
const note = (n: number): Event =>
  finalizeEvent({ kind: 1, created_at: 1_700_000_000 + n, tags: [['t', `tag${n % 7}`]], content: `note ${n} `.repeat(40) }, sk);
/** The store does not verify, so filler events need no real signature (signing 2,000 takes seconds). */
const filler = (n: number): Event => ({
  id: n.toString(16).padStart(64, '0'),
  pubkey: 'b'.repeat(64),
  created_at: 1_700_000_000 + n,
  kind: 1,
  tags: [['t', `tag${n % 7}`]],
  content: `note ${n} `.repeat(40),
  sig: 'c'.repeat(128),
});

/** A home dir laid out as the CLI does: config and keys beside the data dir. */
function home() {
  const root = tempDir('nostr-tui-damage-');
  const dataDir = path.join(root, 'data');
  fs.writeFileSync(path.join(root, 'config.json'), '{"relays":[]}');
  fs.writeFileSync(path.join(root, 'keys.json'), '{"secret":"kept"}', { mode: 0o600 });
  const untouched = () => ({
    config: fs.readFileSync(path.join(root, 'config.json'), 'utf8'),
    keys: fs.readFileSync(path.join(root, 'keys.json'), 'utf8'),
  });
  return { root, dataDir, file: path.join(dataDir, DATABASE_FILE), untouched };
}

/** Overwrites a run of pages in the middle of the file with garbage. */
function damage(file: string): void {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  const page = 4096;
  const start = Math.floor(size / page / 2) * page;
  fs.writeSync(fd, Buffer.alloc(page * 8, 0xa5), 0, page * 8, start);
  fs.closeSync(fd);
}

describe('a data directory that cannot be used', () => {
  it('fails with one line naming the path and what to check', () => {
    const root = tempDir('nostr-tui-damage-');
    const notADir = path.join(root, 'data');
    fs.writeFileSync(notADir, 'a file where the data directory should be');
    let error: unknown;
    try {
      openStore(notADir, { clock: manualClock() });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
    expect((error as UserError).message).toBe(`${notADir} is not a directory; move it away or set NOSTR_TUI_HOME.`);
    expect(fs.readFileSync(notADir, 'utf8')).toBe('a file where the data directory should be');
  });
});

describe('a damaged database', () => {
  it('that is not a database at all is moved aside and replaced, config and keys untouched', () => {
    const { dataDir, file, untouched } = home();
    fs.mkdirSync(dataDir);
    fs.writeFileSync(file, 'this is not sqlite '.repeat(500));
    const before = untouched();
    const warnings: string[] = [];
    const store = openStore(dataDir, { clock: manualClock(), onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
    expect(warnings[0]).toMatch(/moved it to .*nostr-tui\.db\.broken-/);
    const aside = fs.readdirSync(dataDir).filter((f) => f.includes('.broken-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dataDir, aside[0]!), 'utf8')).toBe('this is not sqlite '.repeat(500));
    // The new store works.
    const event = note(1);
    expect(store.events.put(event)).toBe(true);
    expect(store.events.has(event.id)).toBe(true);
    store.close();
    expect(untouched()).toEqual(before);
  });

  it('is checked at open only after a holder died: a live one (the UI) is not a crash', async () => {
    const { dataDir, file, untouched } = home();
    const before = untouched();
    const unsent = note(0);
    const holder = spawn(process.execPath, ['--import', 'tsx', HOLDER, dataDir, JSON.stringify(unsent)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => holder.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (chunk) => String(chunk).includes('ready') && resolve());
      holder.on('exit', () => reject(new Error('holder exited before it was ready')));
    });
    damage(file);

    // The holder is alive: no full check, so opening finds nothing to say.
    const warnings: string[] = [];
    const clock = manualClock();
    const whileAlive = openStore(dataDir, { clock, onWarning: (m) => warnings.push(m) });
    whileAlive.close();
    expect(warnings).toEqual([]);

    holder.kill('SIGKILL');
    await exited;
    // It died holding the database: the next open checks, finds the damage and rebuilds.
    const after = openStore(dataDir, { clock, onWarning: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toMatch(/could not be read .*integrity check.*moved it to .*keeping 1 unsent post/);
    expect(after.outbox.pending().map((e) => e.raw)).toEqual([JSON.stringify(unsent)]);
    expect(after.events.stats().events).toBe(0);
    after.close();
    expect(untouched()).toEqual(before);
  });

  it('met while running answers like an empty cache, warns once, and is rebuilt on the next start', () => {
    const { dataDir, file } = home();
    const clock = manualClock();
    const first = openStore(dataDir, { clock });
    first.events.putMany(Array.from({ length: 2000 }, (_, n) => filler(n)));
    first.close();
    damage(file);

    const warnings: string[] = [];
    const second = openStore(dataDir, { clock, onWarning: (m) => warnings.push(m) });
    expect(second.events.query([{ '#t': ['tag3'] }])).toEqual([]);
    expect(second.events.query([{}])).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/is damaged .*rebuilt on the next start/);
    second.close();

    const third = openStore(dataDir, { clock, onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/moved it to/);
    const event = note(5000);
    third.events.put(event);
    expect(third.events.query([{}]).map((e) => e.id)).toEqual([event.id]);
    third.close();
  });
});
