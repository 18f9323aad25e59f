// search: a word query over 200,000 cached notes through the full-text index
// (SqliteEventStore.search.notes: FTS5 match, newest first, limit 50), against
// a LIKE scan of the same events table in the same run and process, asked the
// same question (notes containing the word, newest first, limit 50).
// Goal: ratio <= 0.01 (at least 100x faster), and the FTS answer under 50 ms.
//
// The cache is written the way an upgrade finds it: events stored by a version
// without the index, then opened, so the one-time build (with its progress)
// is timed too. The store trusts what it holds (verification happens before
// it), so the events are not signed: signing 200,000 would only make the run long.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE } from '../../src/store/database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open.js';
import { median, ratio, type BenchContext, type Figure } from '../figure.js';

const NOTES = 200_000;
const ROUNDS = 7;
const LIMIT = 50;
const VOCABULARY = 20_000;

/** Deterministic pseudo-words (the index written in syllables: all distinct), used with a Zipf-like skew as in real text. */
export function vocabulary(): string[] {
  const syllables = 'ka ri to na mo se lu pa vi de zo ha ne gu bi ta ro mi su fe'.split(' ');
  return Array.from({ length: VOCABULARY }, (_, i) => {
    let word = '';
    for (let n = i + VOCABULARY; n > 0; n = Math.floor(n / syllables.length)) word += syllables[n % syllables.length];
    return word;
  });
}

export function seedCache(dir: string, words: string[]): void {
  const db = new Database(path.join(dir, DATABASE_FILE));
  // The schema before the search index (every migration but the last).
  db.exec(MIGRATIONS.slice(0, MIGRATIONS.length - 1).join(';\n'));
  db.pragma(`user_version = ${MIGRATIONS.length - 1}`);
  const insert = db.prepare(`INSERT INTO events (id, pubkey, kind, created_at, d, json) VALUES (?, ?, 1, ?, NULL, ?)`);
  let x = 12345;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  db.transaction(() => {
    for (let i = 0; i < NOTES; i++) {
      const terms: string[] = [];
      for (let w = 0; w < 30; w++) {
        // Zipf-like: rank ~ VOCABULARY ^ u, so low ranks are common and high ranks rare.
        const rank = Math.min(VOCABULARY, Math.floor(Math.pow(VOCABULARY, next() / 2 ** 32))) - 1;
        terms.push(words[rank]!);
      }
      const event = {
        id: i.toString(16).padStart(64, '0'),
        pubkey: (i % 500).toString(16).padStart(64, 'a'),
        created_at: 1_700_000_000 + i * 10,
        kind: 1,
        tags: [],
        content: terms.join(' '),
        sig: 'f'.repeat(128),
      };
      insert.run(event.id, event.pubkey, event.created_at, JSON.stringify(event));
    }
  })();
  db.close();
}

export default async function searchFigure(ctx: BenchContext): Promise<Figure> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-bench-search-'));
  try {
    const words = vocabulary();
    ctx.log(`search: writing ${NOTES} notes…`);
    seedCache(dir, words);
    let built = performance.now();
    let lastLog = 0;
    const store = openStore(dir, {
      clock: { now: () => Date.now() },
      onIndexProgress: ({ done, total }) => {
        if (done - lastLog >= 50_000 || done === total) ctx.log(`search: indexed ${(lastLog = done)} of ${total}`);
      },
    });
    built = performance.now() - built;
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    try {
      // A rare word (in a few dozen notes): the LIKE scan has to read the whole table to find 50.
      const word = words[VOCABULARY - 400]!;
      const like = db.prepare(`SELECT json FROM events WHERE kind IN (1, 30023) AND json LIKE ? ORDER BY created_at DESC, id ASC LIMIT ${LIMIT}`).pluck();
      const fts = () => store.events.search.notes({ text: word, limit: LIMIT });
      const scan = () => like.all(`%${word}%`) as string[];
      const ftsHits = fts().length;
      const likeHits = scan().length;
      if (ftsHits !== likeHits) throw new Error(`FTS found ${ftsHits} and LIKE ${likeHits} for "${word}": they must agree`);
      const ftsTimes: number[] = [];
      const likeTimes: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        let start = performance.now();
        fts();
        ftsTimes.push(performance.now() - start);
        start = performance.now();
        scan();
        likeTimes.push(performance.now() - start);
      }
      // A common word: many matches to order, newest first.
      const common = words[2]!;
      const commonHits = db.prepare(`SELECT COUNT(*) FROM events WHERE json LIKE ?`).pluck().get(`%${common} %`) as number;
      const commonTimes: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const start = performance.now();
        store.events.search.notes({ text: common, limit: LIMIT });
        commonTimes.push(performance.now() - start);
      }
      const value = Number(median(ftsTimes).toFixed(2));
      const baseline = Number(median(likeTimes).toFixed(2));
      const size = fs.statSync(path.join(dir, DATABASE_FILE)).size;
      return {
        name: 'search',
        value,
        unit: 'ms',
        baseline,
        ratio: ratio(value, baseline),
        note:
          `"${word}" (${ftsHits} hits) over ${NOTES} cached notes, newest ${LIMIT}: FTS5 index vs LIKE scan of the same table, median of ${ROUNDS}; ` +
          `${Math.round(baseline / Math.max(value, 0.01))}x faster; lower is better, goal ratio <= 0.01 and under 50 ms. A common word (~${commonHits} notes): ${median(commonTimes).toFixed(1)} ms. ` +
          `One-time index build on first open: ${(built / 1000).toFixed(1)} s; database ${(size / 1e6).toFixed(0)} MB`,
      };
    } finally {
      db.close();
      store.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
