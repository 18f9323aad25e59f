// Several commands started at once on a home whose cache does not exist yet (`follow a & follow b`,
// a script's first run): each creates the database's tables only if no other did meanwhile. Two
// used to find it empty, and the second failed with "table events already exists".
import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { cliHome } from '../helpers/cli.js';

vi.setConfig({ testTimeout: 90_000 });

describe('the cache opened for the first time by several commands at once', () => {
  it('every one of them opens it', async () => {
    for (let round = 0; round < 6; round++) {
      const cli = cliHome('nostr-tui-first-open-');
      try {
        const results = await Promise.all([1, 2, 3, 4].map(() => cli.run(['cache', 'stats'])));
        expect(results.map((r) => [r.code, r.stderr])).toEqual([1, 2, 3, 4].map(() => [0, '']));
      } finally {
        fs.rmSync(cli.home, { recursive: true, force: true });
      }
    }
  });
});
