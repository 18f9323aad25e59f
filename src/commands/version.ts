// This package's version, read from the package.json one level above this
// module: src/ in development, dist/ once built. yargs' own lookup starts from
// the working directory, so a global install run elsewhere said "unknown".
import fs from 'node:fs';

let cached: string | undefined;

export function packageVersion(): string {
  if (cached !== undefined) return cached;
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    cached = typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    cached = 'unknown';
  }
  return cached;
}
