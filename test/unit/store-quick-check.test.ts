// What doctor and the crash check say of a damaged cache: SQLite's first finding, not the line
// naming the database ("*** in database main ***") that heads it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { quickCheck } from '../../src/store/database.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-quick-check-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database whose index shares its table's root page: damage SQLite reports the same way every time. */
function damaged(): Database.Database {
  const file = path.join(dir, 'damaged.db');
  const db = new Database(file);
  db.exec('CREATE TABLE t(a TEXT); CREATE INDEX i ON t(a);');
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  for (let n = 0; n < 50; n++) insert.run(`v${n}`);
  const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 't'").pluck().get();
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare("UPDATE sqlite_schema SET rootpage = ? WHERE name = 'i'").run(root);
  db.close();
  return new Database(file, { readonly: true });
}

describe('quickCheck', () => {
  it("gives SQLite's first finding on a damaged database, and ok on a sound one", () => {
    const bad = damaged();
    expect(String(bad.pragma('quick_check', { simple: true }))).toMatch(/^\*\*\* in database main \*\*\*\n/);
    expect(quickCheck(bad)).toBe('2nd reference to page 2');
    bad.close();
    const sound = new Database(path.join(dir, 'sound.db'));
    sound.exec('CREATE TABLE t(a TEXT)');
    expect(quickCheck(sound)).toBe('ok');
    sound.close();
  });
});
