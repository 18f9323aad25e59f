// `npm run bench [-- --json] [-- <figure> …]`: runs every figure in
// bench/figures/ (or the ones named), prints a table, or with --json one object
// {"figures":[{"name","value","unit","baseline","ratio"}]} on stdout.
import fs from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { limitHeapGrowth } from '../src/heap-growth.js';
import type { BenchContext, Figure, FigureModule } from './figure.js';

// What users run: the built CLI defines NODE_ENV=production (scripts/build.mjs), so
// React's production build is what figures measure, not its several-times-slower development one.
process.env.NODE_ENV ??= 'production';
// And the bundle's rewrites of Ink and string-width (bench/patch-hooks.mjs), before any figure loads them.
register('./patch-hooks.mjs', import.meta.url);
// And V8's heap growth as the CLI sets it (src/heap-growth.ts, from run()).
limitHeapGrowth();

const args = process.argv.slice(2);
const json = args.includes('--json');
const wanted = args.filter((a) => !a.startsWith('--'));
const dir = path.join(import.meta.dirname, 'figures');
const available = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.startsWith('.'))
  .map((f) => f.slice(0, -3))
  .sort();

for (const name of wanted) {
  if (!available.includes(name)) {
    process.stderr.write(`bench: no figure "${name}"; there are: ${available.join(', ')}\n`);
    process.exit(2);
  }
}

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const running = new Map<string, Promise<Figure[]>>();

function measure(name: string): Promise<Figure[]> {
  let result = running.get(name);
  if (!result) {
    result = (async () => {
      const mod = (await import(pathToFileURL(path.join(dir, `${name}.ts`)).href)) as FigureModule;
      if (typeof mod.default !== 'function') {
        log(`skipping ${name}: bench/figures/${name}.ts has no default export (see bench/figure.ts)`);
        return [];
      }
      log(`measuring ${name}…`);
      const started = performance.now();
      const out = await mod.default(ctx);
      log(`${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return Array.isArray(out) ? out : [out];
    })();
    running.set(name, result);
  }
  return result;
}

const ctx: BenchContext = {
  async figure(name) {
    const found = (await measure(name)).find((f) => f.name === name);
    if (!found) throw new Error(`figure ${name} produced no result`);
    return found;
  },
  log,
};

const figures: Figure[] = [];
for (const name of wanted.length ? wanted : available) {
  try {
    for (const figure of await measure(name)) if (!figures.includes(figure)) figures.push(figure);
  } catch (error) {
    log(`${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

if (json) {
  process.stdout.write(JSON.stringify({ figures: figures.map(({ name, value, unit, baseline, ratio }) => ({ name, value, unit, baseline, ratio })) }) + '\n');
} else {
  const rows = [['figure', 'value', 'baseline', 'ratio'], ...figures.map((f) => [f.name, `${f.value} ${f.unit}`, `${f.baseline} ${f.unit}`, `${f.ratio}`])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) process.stdout.write(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ') + '\n');
  for (const f of figures) if (f.note) process.stdout.write(`  ${f.name}: ${f.note}\n`);
}
// Relays, workers and sockets of the figures must not keep the process alive.
process.exit(process.exitCode ?? 0);
