// `o`'s system opener (issue #13): spawned without a shell, the URL one argv element, only a safe http(s) href.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { safeUrl } from '../../src/core/links.js';
import { openerFor, openUrl } from '../../src/ui/open-url.js';
import { until } from '../helpers/until.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-open-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A stand-in opener that records its arguments as a JSON array. */
function recorder(): { command: string; args: () => string[] | undefined } {
  const out = path.join(dir, `args-${Math.random().toString(36).slice(2)}.json`);
  const command = path.join(dir, `opener-${path.basename(out, '.json')}.mjs`);
  // Written whole and renamed into place: the test polls for `out` and must never read it half-written.
  const script = `#!${process.execPath}\nimport fs from 'node:fs';\nfs.writeFileSync(${JSON.stringify(out + '.part')}, JSON.stringify(process.argv.slice(2)));\nfs.renameSync(${JSON.stringify(out + '.part')}, ${JSON.stringify(out)});\n`;
  fs.writeFileSync(command, script, { mode: 0o755 });
  return { command, args: () => (fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : undefined) };
}

describe('openUrl', () => {
  it('picks the platform opener', () => {
    expect(openerFor('linux')).toBe('xdg-open');
    expect(openerFor('freebsd')).toBe('xdg-open');
    expect(openerFor('darwin')).toBe('open');
    expect(openerFor('win32')).toBe('explorer.exe');
  });

  it('passes the URL as one argument, never through a shell', async () => {
    const opener = recorder();
    const marker = path.join(dir, 'pwned');
    const url = safeUrl(`https://example.com/a;touch$IFS${marker};b|c&d\`e\`'f'$(id)`)!;
    await openUrl(url, { command: opener.command });
    const args = await until(() => opener.args(), 'the opener to run');
    expect(args).toEqual([url]);
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('refuses what is not a safe web link, before starting anything', async () => {
    const opener = recorder();
    for (const bad of ['file:///etc/passwd', 'https://example.com/\nx', '--help', 'https://u:p@example.com/']) {
      await expect(openUrl(bad, { command: opener.command })).rejects.toThrow('not a web link that can be opened');
    }
    expect(opener.args()).toBeUndefined();
  });

  it('says in one line when the opener is missing', async () => {
    await expect(openUrl('https://example.com/', { command: path.join(dir, 'no-such-opener') })).rejects.toThrow(/no-such-opener not found: open the link yourself/);
  });
});
