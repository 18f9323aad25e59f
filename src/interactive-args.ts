// The arguments of the interactive timeline: none but `--relay <url>` (or `--relay=<url>`),
// repeated. They need no parser: src/start.ts picks the interactive bundle for them, and
// src/cli.ts opens the timeline without building the command tree (5 ms of every start).
// Anything else, even a stray word or a `--relay` with no value, goes to yargs, which explains it.

/** The relays named for this run ([] when none), or undefined when these arguments ask for something else. */
export function interactiveRelays(args: readonly string[]): string[] | undefined {
  const relays: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--relay' && i + 1 < args.length) relays.push(args[++i]!);
    else if (arg.startsWith('--relay=')) relays.push(arg.slice('--relay='.length));
    else return undefined;
  }
  return relays;
}
