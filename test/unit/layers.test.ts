// The shape of src/: dependencies point down (commands and ui -> client ->
// net / store -> core), net and store never import each other, ui never
// imports commands, and no file grows past what one reader can hold.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const MAX_LINES = 350;

/** Higher may import lower; same rank only within the same layer. */
const RANK: Record<string, number> = { core: 0, net: 1, store: 1, client: 2, ui: 3, commands: 3, cli: 4 };
/** Peers that may import each other (the CLI opens the UI). */
const ALLOWED_SIDEWAYS = new Set(['commands->ui']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const layerOf = (file: string): string => {
  const first = relative(SRC, file).split(/[\\/]/)[0]!;
  return first.endsWith('.ts') ? 'cli' : first;
};

/** Static and dynamic imports of files in src/ (packages are not layers). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specs.map((spec) => resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
}

describe('the layers of src/', () => {
  const files = sourceFiles(SRC);

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(new Set(files.map(layerOf))).toEqual(new Set(Object.keys(RANK)));
  });

  it('imports only downwards: net and store never import each other, ui never imports commands', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const target of importsOf(file)) {
        const to = layerOf(target);
        if (to === from) continue;
        const ok = RANK[to]! < RANK[from]! || ALLOWED_SIDEWAYS.has(`${from}->${to}`);
        if (!ok) wrong.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('core does no I/O: it imports no Node built-in that touches files, sockets or processes', () => {
    const io = /from\s+'(node:)?(fs|fs\/promises|net|http|https|child_process|worker_threads|os|tty)'/;
    const wrong = files.filter((file) => layerOf(file) === 'core' && io.test(readFileSync(file, 'utf8')));
    expect(wrong.map((file) => relative(SRC, file))).toEqual([]);
  });

  it('opens SQLite only through store/sqlite.ts, which hands better-sqlite3 its addon (the interactive bundle needs it)', () => {
    const direct = files.filter((file) => !file.endsWith(join('store', 'sqlite.ts')) && /^import (?!type )[^;]*from 'better-sqlite3'/m.test(readFileSync(file, 'utf8')));
    expect(direct.map((file) => relative(SRC, file))).toEqual([]);
  });

  it(`has no file over ${MAX_LINES} lines`, () => {
    const long = files
      .map((file) => ({ file: relative(SRC, file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
