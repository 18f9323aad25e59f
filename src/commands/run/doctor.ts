// The work behind `nostr-tui doctor` (options in ../doctor.ts): what a user or a
// bug report needs on one screen, and exit 1 with the fix on the line when
// something needs fixing. Reads only; every path and network string printed
// for a person goes through sanitizeLine, JSON keeps them exact.
import path from 'node:path';
import os from 'node:os';
import { ExitCode } from '../../core/errors.js';
import { npub } from '../../core/identifiers.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { cacheFiles } from '../../store/cache-files.js';
import { DATABASE_FILE } from '../../store/database.js';
import { ConfigStore, fileProblem, relaysForRun } from '../../store/config.js';
import { KeyStore } from '../../store/keys.js';
import { writeLine, type CommandContext, type GlobalArgs } from '../context.js';
import { packageVersion } from '../version.js';
import { checkDatabase, checkPath, checkRelays, checkVerifier, type PathReport, type Problem } from './doctor-checks.js';

export interface DoctorArgs extends GlobalArgs {
  json?: boolean;
}

interface KeyReport {
  npub?: string;
  /** keys.json exists but could not be loaded; its path check says why. */
  unreadable?: boolean;
  secret?: 'plain' | 'encrypted' | 'none';
  problems: Problem[];
}

export async function doctor(ctx: CommandContext, args: DoctorArgs): Promise<void> {
  const { configDir, dataDir } = ctx.paths;
  const db = path.join(dataDir, DATABASE_FILE);
  const paths: PathReport[] = [
    checkPath('config dir', configDir, 'private dir'),
    checkPath('config.json', path.join(configDir, 'config.json'), 'file'),
    checkPath('keys.json', path.join(configDir, 'keys.json'), 'secret file'),
    checkPath('data dir', dataDir, 'private dir'),
    ...cacheFiles(db).map((file) => checkPath(path.basename(file), file, 'cache file')).filter((report) => report.exists),
  ];
  const key = checkKey(ctx, paths);

  const config: { problems: Problem[] } = { problems: [] };
  let relays: ReturnType<typeof relaysForRun> = [];
  try {
    relays = relaysForRun(new ConfigStore(configDir), args.relay);
  } catch (error) {
    config.problems.push({ what: fileProblem((error as Error).message), fix: 'fix config.json, or move it away to use the default relays' });
  }
  // One after the other: the verifier's timing loop holds the main thread for its whole window
  // (the native checks never yield to the event loop), and a relay's round trip measured
  // meanwhile took that long too: a relay on this machine read 316 ms instead of 12.
  const relayReports = await checkRelays(relays, ctx.clock, ctx.env);
  const verifier = await checkVerifier();
  const database = checkDatabase(dataDir, ctx.clock);

  const problems = [...paths.flatMap((p) => p.problems), ...key.problems, ...config.problems, ...verifier.problems, ...database.problems, ...relayReports.flatMap((r) => r.problems)];
  if (problems.length > 0) ctx.exitCode = ExitCode.failed;

  const report = {
    version: packageVersion(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    uid: process.getuid?.(),
    paths: paths.map(({ problems: p, ...rest }) => ({ ...rest, problems: p })),
    key,
    verifier,
    database,
    relays: relayReports,
    problems,
    ok: problems.length === 0,
  };
  if (args.json) {
    writeLine(ctx.stdout, JSON.stringify(report));
    return;
  }

  const out = (status: string, label: string, text: string) => writeLine(ctx.stdout, `${status.padEnd(4)}  ${label.padEnd(12)}  ${sanitizeLine(text)}`);
  const mark = (list: Problem[]) => (list.length ? 'FIX' : 'ok');
  writeLine(ctx.stdout, `nostr-tui ${report.version}, Node ${report.node} (${report.platform}), user ${os.userInfo().username}`);
  for (const p of paths) {
    const state = !p.exists ? 'not created yet' : p.mode === undefined ? 'a symbolic link to nothing' : `mode ${p.mode}, owner uid ${p.uid}${p.symlink ? ', a symbolic link' : ''}`;
    out(mark(p.problems), p.label, `${p.path}  ${state}`);
    for (const problem of p.problems) out('', '', fixLine(problem));
  }
  out(key.unreadable ? 'FIX' : mark(key.problems), 'key', keyText(key));
  for (const problem of key.problems) out('', '', fixLine(problem));
  for (const problem of config.problems) out('FIX', 'config', fixLine(problem));
  out(mark(verifier.problems), 'verifier', `${verifier.name}, ${verifier.checksPerSecond.toLocaleString('en-US')} signature checks/s`);
  for (const problem of verifier.problems) out('', '', fixLine(problem));
  if (!database.exists) out('ok', 'database', `${database.file}  not created yet`);
  else {
    const facts = [database.notOpened ?? '', database.bytes === undefined ? '' : megabytes(database.bytes), database.integrity ? `integrity ${database.integrity}` : '', database.outboxPending === undefined ? '' : `${database.outboxPending} unsent in the outbox`];
    out(mark(database.problems), 'database', `${database.file}  ${facts.filter(Boolean).join(', ')}`);
    for (const problem of database.problems) out('', '', fixLine(problem));
  }
  if (relayReports.length === 0 && config.problems.length === 0) out('FIX', 'relays', 'none configured: nostr-tui relay add wss://…');
  for (const r of relayReports) {
    const role = r.read && r.write ? 'read, write' : r.read ? 'read' : 'write';
    out(mark(r.problems), 'relay', r.reachable ? `${r.url} (${role})  reachable, ${r.rttMs} ms` : `${r.url} (${role})  unreachable: ${r.error}`);
    for (const problem of r.problems) out('', '', `fix: ${problem.fix}`);
  }
  writeLine(ctx.stdout, problems.length === 0 ? 'Everything looks fine.' : `${problems.length} thing${problems.length === 1 ? '' : 's'} to fix (see FIX above).`);
}

function keyText(key: KeyReport): string {
  if (key.unreadable) return 'cannot be read (see keys.json above)';
  if (!key.npub) return key.problems.length ? 'cannot be read' : 'none yet: `nostr-tui key generate` or `key import`';
  const secret = { none: 'none, read-only', plain: 'stored unencrypted', encrypted: 'encrypted' }[key.secret ?? 'none'];
  return `${key.npub} (secret: ${secret})`;
}

const fixLine = (problem: Problem): string => `${problem.what}; fix: ${problem.fix}`;

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The stored key's public part; a key file that cannot be loaded is a problem unless its path check already said why. */
function checkKey(ctx: CommandContext, paths: PathReport[]): KeyReport {
  const keyPath = paths.find((p) => p.label === 'keys.json');
  try {
    const key = new KeyStore(ctx.paths.configDir).load();
    if (!key) return { problems: [] };
    return { npub: npub(key.pubkey), secret: key.secret ? key.secret.type : 'none', problems: [] };
  } catch (error) {
    if (keyPath && keyPath.problems.length > 0) return { unreadable: true, problems: [] };
    return { problems: [{ what: fileProblem((error as Error).message), fix: 'fix keys.json, or move it away and import your key again' }] };
  }
}
