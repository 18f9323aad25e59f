// The files of the local cache, end to end (src/store/cache-files.ts, aside.ts): a symbolic link at
// the database or a file beside it is refused and named with the command that fixes it, and the
// healthy database is never set aside for it (a dangling -wal link used to set it aside on every
// command, eight copies after one `timeline`, and then `outbox` said every event had been sent); a
// database set aside whose outbox cannot be read is named by `outbox` on every run.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cliHome } from '../helpers/cli.js';

vi.setConfig({ testTimeout: 60_000 });

/** Nothing listens there: a post stays in the outbox. */
const DEAD = 'ws://127.0.0.1:1';

/** A home with a key and one note no relay took. */
async function homeWithUnsent() {
  const cli = cliHome('nostr-tui-cache-files-');
  expect((await cli.run(['key', 'generate'])).code).toBe(0);
  const post = await cli.run(['post', 'unsent draft', '--relay', DEAD]);
  expect(post.code).toBe(1);
  const id = /^(note1\w+)/.exec(post.stdout)![1]!;
  const data = (name = '') => path.join(cli.home, 'data', name);
  return { ...cli, id, data };
}

const pathLine = (stdout: string, name: string) => stdout.split('\n').find((line) => line.includes(`  ${name}  `) && /^(ok|FIX) /.test(line));

describe('a symbolic link among the cache files', () => {
  it('a dangling nostr-tui.db-wal link: refused with the rm, the database kept where it is; once removed the note is still listed', async () => {
    const cli = await homeWithUnsent();
    const link = cli.data('nostr-tui.db-wal');
    fs.symlinkSync(path.join(cli.home, 'nowhere-wal'), link);

    for (let run = 0; run < 2; run++) {
      const result = await cli.run(['outbox']);
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toBe(
        `nostr-tui: ${link} is a symbolic link; the local cache and its unsent posts are kept only in files of its own, never through a link. ` +
          `Remove it (\`rm '${link}'\`) and run the command again.\n`,
      );
    }
    expect((await cli.run(['timeline', '--relay', DEAD])).code).toBe(1);
    expect(fs.readdirSync(cli.data()).sort()).toEqual(['nostr-tui.db', 'nostr-tui.db-wal']);

    const doctor = await cli.run(['doctor', '--relay', DEAD]);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).not.toContain('undefined');
    expect(pathLine(doctor.stdout, 'nostr-tui.db-wal')).toBe(`FIX   nostr-tui.db-wal  ${link}  a symbolic link to nothing`);
    expect(doctor.stdout).toContain(`${link} is a symbolic link; the local cache and its unsent posts are never kept through one; fix: rm '${link}'`);

    fs.rmSync(link);
    const after = await cli.run(['outbox']);
    expect(after).toMatchObject({ code: 0, stderr: '' });
    expect(after.stdout).toContain(`${cli.id}  kind 1`);
    expect(after.stdout).toContain('"unsent draft"');
  });

  it('a dangling nostr-tui.db link: post is refused before anything is signed, and the target is never created', async () => {
    const cli = cliHome('nostr-tui-cache-files-');
    expect((await cli.run(['key', 'generate'])).code).toBe(0);
    fs.mkdirSync(cli.file('data'), { mode: 0o700 });
    const target = cli.file('elsewhere.db');
    const link = cli.file('data/nostr-tui.db');
    fs.symlinkSync(target, link);

    const post = await cli.run(['post', 'secret draft', '--relay', DEAD]);
    expect(post).toMatchObject({ code: 1, stdout: '' });
    expect(post.stderr).toBe(
      `nostr-tui: ${link} is a symbolic link; the local cache and its unsent posts are kept only in files of its own, never through a link. ` +
        `Remove it (\`rm '${link}'\`) and run the command again.\n`,
    );
    expect(fs.existsSync(target)).toBe(false);

    const doctor = await cli.run(['doctor', '--relay', DEAD]);
    expect(pathLine(doctor.stdout, 'nostr-tui.db')).toBe(`FIX   nostr-tui.db  ${link}  a symbolic link to nothing`);
    expect(doctor.stdout).toMatch(/\nok +database +\S+nostr-tui\.db  not opened: a symbolic link \(see above\)\n/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('a nostr-tui.db-shm link to a file: refused with the mv that puts the file in its place; the file is untouched', async () => {
    const cli = await homeWithUnsent();
    const target = cli.file('shm-elsewhere');
    fs.writeFileSync(target, 'not ours to change');
    const link = cli.data('nostr-tui.db-shm');
    fs.symlinkSync(target, link);
    const result = await cli.run(['outbox']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `nostr-tui: ${link} is a symbolic link; the local cache and its unsent posts are kept only in files of its own, never through a link. ` +
        `Replace it with the file it points to (\`mv "$(readlink -f '${link}')" '${link}'\`), or remove it (\`rm '${link}'\`), and run the command again.\n`,
    );
    expect(fs.readFileSync(target, 'utf8')).toBe('not ours to change');
    expect(fs.readdirSync(cli.data()).filter((name) => name.includes('broken'))).toEqual([]);
  });
});

describe('a database set aside whose outbox cannot be read', () => {
  it('outbox says unsent events may be in it on every run (exit 1) until the file is gone', async () => {
    const cli = cliHome('nostr-tui-cache-files-');
    fs.mkdirSync(cli.file('data'), { mode: 0o700 });
    fs.writeFileSync(cli.file('data/nostr-tui.db'), 'not a database '.repeat(300), { mode: 0o600 });

    const first = await cli.run(['outbox']);
    expect(first.code).toBe(1);
    const aside = fs.readdirSync(cli.file('data')).filter((name) => /^nostr-tui\.db\.broken-[^-]+.*Z$/.test(name));
    expect(aside).toHaveLength(1);
    const file = cli.file(`data/${aside[0]}`);
    expect(first.stderr).toContain(`so unsent posts may be only in ${file}, which is kept`);

    const again = await cli.run(['outbox']);
    expect(again).toMatchObject({ code: 1 });
    expect(again.stderr).toBe(
      `nostr-tui: unsent events may be in ${file}, set aside earlier: its outbox cannot be read (file is not a database). ` +
        'It is kept, and read again by each `nostr-tui outbox`.\n',
    );
    expect(again.stdout).toBe('The outbox of the local database is empty, but unsent events may be in a file set aside (see above), which is kept.\n');
    expect((await cli.run(['outbox', '--json'])).code).toBe(1);

    fs.rmSync(file);
    const gone = await cli.run(['outbox']);
    expect(gone).toMatchObject({ code: 0, stderr: '', stdout: 'The outbox is empty: every signed event has reached a relay.\n' });
  });
});
