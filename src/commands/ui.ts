// `nostr-tui` with no command: the interactive timeline. It needs a terminal;
// everything it shows can also be printed by the one-shot commands. The UI
// (Ink, React) is imported lazily so one-shot commands never load it.
import type { CommandModule } from 'yargs';
import { usageError } from '../core/errors.js';
import type { TerminalGuard } from '../ui/terminal.js';
import type { CommandContext, GlobalArgs } from './context.js';
import { startupMark } from '../store/startup-trace.js';
import type { CommandFactory } from './index.js';

// Alternate screen on/off (xterm private mode 1049), cursor hidden/shown.
const ENTER_SCREEN = '\u001b[?1049h\u001b[H\u001b[?25l';
const LEAVE_SCREEN = '\u001b[?25h\u001b[?1049l';
/** Bracketed paste (xterm mode 2004): a paste arrives marked, so it is typed as text, never run as keys. */
export const BRACKETED_PASTE = { on: '\u001b[?2004h', off: '\u001b[?2004l' };

export const uiCommand: CommandFactory = (ctx: CommandContext): CommandModule<GlobalArgs, GlobalArgs> => ({
  command: '$0',
  describe: 'Open the interactive timeline (the default)',
  handler: (args) => openTimeline(ctx, args.relay),
});

/** The interactive timeline, on the configured relays or on `relays` for this run. */
export async function openTimeline(ctx: CommandContext, relays?: string[]): Promise<void> {
  if (!ctx.stdin.isTTY || !ctx.stdout.isTTY) {
    throw usageError('the interactive timeline needs a terminal; to print your timeline instead, run `nostr-tui timeline`.');
  }
  // Ink draws nothing until exit when it believes it runs under CI (CI or
  // CONTINUOUS_INTEGRATION set, read once as Ink loads). Here stdin and stdout are
  // a terminal and the user asked for the screen, so that guess is wrong.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  startupMark('command');
  const layout = loadLayoutEngine();
  // The services first (no Ink in them): the network starts while the UI loads.
  const { prepareServices } = await import('../ui/wire.js');
  startupMark('services-loaded');
  const services = await prepareServices(ctx, relays);
  startupMark('services-ready');
  try {
    // React and Ink first, then a turn of the loop: the relays' handshakes, done meanwhile, send
    // their requests, which the relays answer while the screens load (they waited for the whole
    // load). First frame, five A/B rounds of 21-31 interleaved starts: 1.4-2.7 ms sooner (medians);
    // a turn before Ink as well gained nothing more.
    await import('ink');
    await new Promise((resolve) => setImmediate(resolve));
    const [{ runInteractive }] = await Promise.all([import('../ui/run.js'), layout]);
    startupMark('ui-loaded');
    await runInteractive(ctx, { services, terminal: terminalGuard(ctx, BRACKETED_PASTE), firstNotes: services.firstNotes, loadChecks: services.loadChecks });
  } catch (error) {
    await services.close();
    throw error;
  }
}

/**
 * Ink's layout engine (yoga), started before the services rather than with the UI: its steps
 * (the WebAssembly compile, which V8 hands back in a task of this thread, then its set-up) take
 * the loop's turns that come before the UI has loaded, where they all came after it (first
 * frame 200 -> 196 ms, 24 interleaved starts each). A failure is the UI load's to report.
 */
function loadLayoutEngine(): Promise<void> {
  const loading = import('../ui/yoga-ready.js').then((m) => m.yogaReady());
  loading.catch(() => {});
  return loading;
}

/**
 * The terminal is given back as it was on every way out: a normal quit, Ctrl-C
 * (Ink's own handler, or a signal), an uncaught error, or process exit.
 */
export function terminalGuard(ctx: CommandContext, modes: { on: string; off: string } = { on: '', off: '' }): TerminalGuard {
  let entered = false;
  const restore = () => {
    if (!entered) return;
    entered = false;
    ctx.stdout.write(modes.off + LEAVE_SCREEN);
    const stdin = ctx.stdin as NodeJS.ReadStream;
    if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
    process.off('exit', restore);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('SIGINT', onSignal);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    restore();
    process.kill(process.pid, signal);
  };
  return {
    enter() {
      entered = true;
      ctx.stdout.write(ENTER_SCREEN + modes.on);
      process.on('exit', restore);
      process.once('SIGTERM', onSignal);
      process.once('SIGHUP', onSignal);
      process.once('SIGINT', onSignal);
    },
    restore,
  };
}
