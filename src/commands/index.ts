import type { CommandModule } from 'yargs';
import type { CommandContext } from './context.js';

/** Each command module exports a factory taking the shared context. */
export type CommandFactory = (ctx: CommandContext) => CommandModule<any, any>;

/** Every top-level command, in the order `--help` lists them. */
export const commands: CommandFactory[] = [];
