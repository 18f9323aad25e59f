// `nostr-tui completion`: the script yargs prints, loaded into a real bash that
// completes a half-typed command line through the built CLI.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { BIN, cliUser, runCli } from '../helpers/cli.js';
import { startRelay } from '../helpers/relay.js';

vi.setConfig({ testTimeout: 60_000 });

const exec = promisify(execFile);

/** A directory with a `nostr-tui` on it that runs the built CLI, as a global install would put on PATH. */
function pathWithCli(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-completion-'));
  const shim = path.join(dir, 'nostr-tui');
  fs.writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
  return `${dir}${path.delimiter}${process.env.PATH ?? ''}`;
}

/** What bash offers for `words` (the last one is being typed), with the printed script loaded. */
async function bashComplete(script: string, words: string[], env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-completion-'));
  const file = path.join(dir, 'completion.bash');
  fs.writeFileSync(file, script);
  const program = [
    `source "${file}"`,
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    '_nostr-tui_yargs_completions',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const { stdout } = await exec('bash', ['--norc', '--noprofile', '-c', program], {
    env: { ...process.env, PATH: pathWithCli(), SHELL: '/bin/bash', NO_COLOR: '1', ...env },
  });
  return stdout.split('\n').filter(Boolean);
}

describe('nostr-tui completion', () => {
  it('prints a bash script that completes `nostr-tui ke` to `key` and `key g` to `generate`', async () => {
    const printed = await runCli(['completion'], { SHELL: '/bin/bash' });
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    expect(printed.stdout).toContain('###-begin-nostr-tui-completions-###');
    expect(printed.stdout).toContain('complete -o bashdefault -o default -F _nostr-tui_yargs_completions nostr-tui\n');
    expect(printed.stdout).toContain('# Installation: nostr-tui completion >> ~/.bashrc');

    expect(await bashComplete(printed.stdout, ['nostr-tui', 'ke'])).toEqual(['key']);
    expect(await bashComplete(printed.stdout, ['nostr-tui', 'key', 'g'])).toEqual(['generate']);
    // Every command, never the default command's internal name.
    const all = await bashComplete(printed.stdout, ['nostr-tui', '']);
    expect(all).toEqual(expect.arrayContaining(['post', 'key', 'relay', 'timeline', 'completion']));
    expect(all.some((word) => word.includes('$0'))).toBe(false);
  });

  it('prints the zsh script when $SHELL is zsh, whose completions carry descriptions', async () => {
    const printed = await runCli(['completion'], { SHELL: '/bin/zsh' });
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    expect(printed.stdout.startsWith('#compdef nostr-tui\n')).toBe(true);
    expect(printed.stdout).toContain('compdef _nostr-tui_yargs_completions nostr-tui');

    const words = await runCli(['--get-yargs-completions', 'nostr-tui', 'ke'], { SHELL: '/bin/zsh' });
    expect(words.code).toBe(0);
    expect(words.stdout.split('\n')).toContain('key:Create, import, show or encrypt your key');
  });

  it('a Tab after `post` or `dm send` words completes them and never sends anything', async () => {
    // `post` and `dm send` keep unknown options as text, so the completion flag was taken for
    // words and the command ran: each Tab published the line typed so far as a note.
    const relay = await startRelay();
    try {
      const { cli, pubkey } = await cliUser('nostr-tui-completion-');
      const env = { NOSTR_TUI_HOME: cli.home, NOSTR_TUI_DISCOVERY_RELAYS: '' };
      fs.writeFileSync(cli.file('config.json'), JSON.stringify({ relays: [{ url: relay.url, read: true, write: true }] }));
      const script = (await runCli(['completion'], { SHELL: '/bin/bash' })).stdout;
      const someone = 'a'.repeat(64);
      for (const words of [
        ['nostr-tui', 'post', 'half', 'written', 'thought', ''],
        ['nostr-tui', 'post', '--'],
        ['nostr-tui', 'dm', 'send', someone, 'hello', ''],
      ]) {
        expect(await bashComplete(script, words, env), words.join(' ')).toEqual(expect.arrayContaining(['--json', '--relay']));
      }
      expect(await relay.find({ authors: [pubkey] })).toEqual([]);
      expect((await cli.run(['outbox', '--json'], { env })).stdout).toBe('[]\n');
    } finally {
      await relay.stop();
    }
  });

  it('offers key import --no-adopt, the form the help describes, not --adopt (on by default)', async () => {
    const printed = await runCli(['completion'], { SHELL: '/bin/bash' });
    const options = await bashComplete(printed.stdout, ['nostr-tui', 'key', 'import', '--']);
    expect(options).toContain('--no-adopt');
    expect(options).toContain('--encrypt');
    expect(options).not.toContain('--adopt');
    expect(await bashComplete(printed.stdout, ['nostr-tui', 'key', 'import', '--no'])).toEqual(['--no-adopt']);
  });
});
