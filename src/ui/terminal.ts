// What the interactive UI needs from the process it runs in: the terminal's
// streams, the environment, and a guard that gives the terminal back.

export interface TerminalIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export interface TerminalGuard {
  /** Switches to the alternate screen; `restore` undoes it, once, whatever happens. */
  enter(): void;
  restore(): void;
}
