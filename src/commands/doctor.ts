// `nostr-tui doctor [--json]`: version, Node, paths with their modes and owners,
// the key, the signature verifier and its speed, the database, and each relay's
// reachability. Exit 1 when something needs fixing; the fix is on its line.
import type { Argv } from 'yargs';
import type { CommandFactory } from './index.js';
import type { DoctorArgs } from './run/doctor.js';

/** The work itself, loaded only when the command runs. */
const run = () => import('./run/doctor.js');

export const doctorCommand: CommandFactory = (ctx) => ({
  command: 'doctor',
  describe: 'Check the installation, files, key, database and relays; exit 1 with the fix when something is wrong',
  builder: (yargs: Argv) => yargs.option('json', { type: 'boolean', describe: 'Print the report as one JSON object' }),
  handler: async (args) => (await run()).doctor(ctx, args as DoctorArgs),
});
