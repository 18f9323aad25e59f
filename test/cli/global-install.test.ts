// The package as a user gets it: `npm pack` (which builds dist/ through
// `prepare`), then `npm install -g` of the tarball into a temporary prefix with
// the README's --allow-scripts, then the installed `nostr-tui` run from
// elsewhere against the real relay. Proves `files`, the build on pack, the
// install-script approvals and that nothing in devDependencies is needed at
// run time (the global install has none of them).
//
// Slow (it installs ~120 packages and compiles bcrypto), so it runs only when
// NOSTR_TUI_GLOBAL_INSTALL=1: `npm run test:global-install`, a step of .ci/run.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished } from '../helpers/cli.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { runInPty } from '../ui/pty.js';

const exec = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  files: string[];
  devDependencies: Record<string, string>;
};

/**
 * better-sqlite3's install script is `prebuild-install || node-gyp rebuild`;
 * prebuild-install first looks for the binary in a local prebuilds folder
 * (its `local-prebuilds` setting, read through rc from a .prebuild-installrc
 * in the package's directory or one above it) before downloading. Offering it
 * the binary `npm ci` compiled, for the same version and Node, saves compiling
 * SQLite a second time; where the name does not match, it compiles as usual.
 */
async function offerPrebuild(work: string): Promise<void> {
  const module = path.join(ROOT, 'node_modules/better-sqlite3');
  if (!fs.existsSync(path.join(module, 'build/Release/better_sqlite3.node'))) return;
  const { version } = JSON.parse(fs.readFileSync(path.join(module, 'package.json'), 'utf8')) as { version: string };
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const dir = path.join(work, 'prebuilds');
  fs.mkdirSync(dir);
  await exec('tar', ['-czf', path.join(dir, name), '-C', module, 'build/Release/better_sqlite3.node']);
  fs.writeFileSync(path.join(work, '.prebuild-installrc'), JSON.stringify({ 'local-prebuilds': dir }));
}

describe.skipIf(process.env.NOSTR_TUI_GLOBAL_INSTALL !== '1')('npm install -g of the packed tarball', () => {
  let work: string;
  let prefix: string;
  let installLog: string;
  let packed: string[];
  let relay: TestRelay;

  beforeAll(async () => {
    relay = await startRelay();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-global-'));
    prefix = path.join(work, 'prefix');

    const pack = await exec('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, maxBuffer: 16 << 20 });
    const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    packed = info!.files.map((file) => file.path);

    // The prefix is inside `work`, so the installed better-sqlite3 finds work/.prebuild-installrc.
    await offerPrebuild(work);
    // From the work directory, so the repository's own .npmrc and package.json play no part.
    const install = await exec(
      'npm',
      ['install', '-g', '--prefix', prefix, '--allow-scripts=better-sqlite3,bcrypto', '--no-audit', '--no-fund', path.join(work, info!.filename)],
      // JOBS: node-gyp compiles bcrypto's sources on every core.
      { cwd: work, env: { ...process.env, JOBS: 'max' }, maxBuffer: 16 << 20 },
    );
    installLog = install.stdout + install.stderr;
  }, 30 * 60_000);

  afterAll(async () => {
    await relay?.stop();
  });

  const installed = (args: string[], home: string) =>
    finished(
      spawn(path.join(prefix, 'bin', 'nostr-tui'), args, {
        cwd: work,
        env: { ...process.env, NOSTR_TUI_HOME: home, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );

  it('packs only bin/, dist/ and the package files, with dist built by prepare', () => {
    const allowed = new Set(['package.json', 'README.md', 'LICENSE']);
    const stray = packed.filter((file) => !allowed.has(file) && !pkg.files.some((dir) => file.startsWith(`${dir}/`)));
    expect(stray).toEqual([]);
    expect(packed).toContain('bin/nostr-tui.cjs');
    expect(packed).toContain('dist/cli.js');
  });

  it('installs with the approved install scripts and no devDependency', () => {
    // npm 11.19 lists the tarball's own `prepare` as unreviewed (it never runs it for a
    // tarball, and --allow-scripts=nostr-tui does not match a file: spec); a registry
    // install has no such line. Every dependency's script is covered by the flag.
    const unreviewed = [...installLog.matchAll(/^npm warn install-scripts {3}(\S+)@\S+ \(/gm)].map((m) => m[1]);
    expect(unreviewed.filter((name) => name !== 'nostr-tui'), installLog).toEqual([]);
    const modules = path.join(prefix, 'lib/node_modules/nostr-tui/node_modules');
    const present = Object.keys(pkg.devDependencies).filter((name) => fs.existsSync(path.join(modules, name)));
    expect(present).toEqual([]);
    // The native modules were built (or taken from the prebuild) by their install scripts.
    expect(fs.existsSync(path.join(modules, 'better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
  });

  it('runs from another directory: --version, key generate, post to the real relay, doctor', async () => {
    const home = fs.mkdtempSync(path.join(work, 'home-'));
    const version = await installed(['--version'], home);
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });

    const key = await installed(['key', 'generate', '--json'], home);
    expect(key.code).toBe(0);
    expect(key.stderr).toMatch(/^Created a new key in .*keys\.json\n$/);
    const { pubkey } = JSON.parse(key.stdout) as { pubkey: string };

    const post = await installed(['post', '--relay', relay.url, 'hello from a global install'], home);
    expect(post.stderr).toBe('');
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('Accepted by 1 of 1 relay.');
    const stored = await relay.find({ authors: [pubkey], kinds: [1] });
    expect(stored.map((event) => event.content)).toEqual(['hello from a global install']);

    // bcrypto's approved install script built the native verifier; the home is healthy.
    const doctor = await installed(['doctor', '--json', '--relay', relay.url], home);
    const report = JSON.parse(doctor.stdout);
    expect(report.verifier.kind, doctor.stdout).toBe('native');
    expect(report).toMatchObject({ ok: true, version: pkg.version, database: { integrity: 'ok', outboxPending: 0 } });
    expect(doctor.code).toBe(0);
  });

  // The interactive start runs the one CommonJS bundle, which holds better-sqlite3's JavaScript
  // and hands it its addon by path (src/store/sqlite.ts): from an installed package, too.
  it('opens the interactive timeline from the installed bundle, with its cache', async () => {
    const home = fs.mkdtempSync(path.join(work, 'home-'));
    expect((await installed(['key', 'generate'], home)).code).toBe(0);
    const run = runInPty(['--relay', relay.url], { NOSTR_TUI_HOME: home, NO_COLOR: '1' }, undefined, path.join(prefix, 'lib/node_modules/nostr-tui/bin/nostr-tui.cjs'));
    try {
      await run.waitFor((text) => text.includes('hello from a global install'), 20_000);
      run.write('q');
      expect((await run.exited).exitCode).toBe(0);
    } finally {
      run.pty.kill();
    }
    // The note the timeline showed was written to the cache by the bundle's SQLite.
    const cache = await installed(['cache', 'stats', '--json'], home);
    expect(cache.code, cache.stderr).toBe(0);
    expect(JSON.parse(cache.stdout).events).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
