// A relay's steps in arrival order, some waiting for a signature check (issue #17).
//
// NIP-01 gives a relay's messages an order that means something (events before
// their EOSE, an OK after the EVENT it answers), and a check may finish out of
// order (a worker batch, or a copy waiting for its first copy's check). A FIFO
// of steps, each run once it and every step before it are ready, keeps that
// order without a promise chain per message. Steps that became ready together
// (a worker's batch, and every inline check queued behind it) run in slices, as
// the drain does (drain.ts), so delivering them never holds the event loop long.
import { setImmediate } from 'node:timers';
import { slice } from './drain.js';
import { Fifo } from './fifo.js';

type Step = { ready: boolean; run: () => void };

/** What a waiting step runs until its value has settled: one shared function, not a closure per message. */
const WAITING = (): void => {};

export class InOrder {
  private readonly steps = new Fifo<Step>();
  private flushing = false;

  constructor(
    private readonly onerror: () => void,
    /** Steps that waited have run. */
    private readonly onprogress: () => void,
  ) {}

  /** Steps not yet run (waiting for a check, or behind one). */
  get size(): number {
    return this.steps.size;
  }

  /** Runs now unless earlier steps still wait. */
  now(run: () => void): void {
    if (this.size === 0) this.guard(run);
    else this.steps.push({ ready: true, run });
  }

  /** Runs with the value once it has settled and every earlier step has run; a rejected value skips the step. */
  after<T>(value: Promise<T>, run: (value: T) => void): void {
    const step: Step = { ready: false, run: WAITING };
    this.steps.push(step);
    value.then(
      (v) => {
        step.run = () => run(v);
        this.ready(step);
      },
      () => this.ready(step),
    );
  }

  /** Forgets every waiting step (the connection was closed by us). */
  clear(): void {
    this.steps.clear();
  }

  private ready(step: Step): void {
    step.ready = true;
    if (!this.flushing) this.flush();
  }

  private readonly flush = (): void => {
    this.flushing = false;
    const spent = slice();
    while (this.steps.peek()?.ready) {
      this.guard(this.steps.take()!.run);
      if (spent() && this.steps.peek()?.ready) {
        this.flushing = true;
        setImmediate(this.flush);
        break;
      }
    }
    this.onprogress();
  };

  private guard(run: () => void): void {
    try {
      run();
    } catch {
      // A bug in a handler must not take the connection (or the process) down.
      this.onerror();
    }
  }
}
