// WAL checkpoints off the main thread (issue #17). A PASSIVE checkpoint step
// copies the WAL pages written since the last one into the database file and
// syncs it: measured here 20-70 ms per step while a feed streams in (the sync
// dominates, so smaller steps barely help), the longest stall left in the UI.
// A worker thread with its own connection to the same file runs the steps; in
// WAL mode a checkpointer never blocks the writer, and PASSIVE waits for nobody.
// The first step is skipped (a one-shot command's connection checkpoints as it
// closes), and so are steps while the worker loads: none of them runs here, where
// each measured 20-70 ms. Only if the worker cannot start do steps run here.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface Checkpointer {
  /** Asks for one PASSIVE step (after the running one, if any). */
  step(): void;
  /** Ends the worker (after its step, if one runs). */
  close(): void;
}

// CommonJS, evaluated in the worker.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const Database = require(workerData.sqlite);
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('busy_timeout = 1000');
  parentPort.postMessage('ready');
} catch {
  parentPort.postMessage('failed');
}
parentPort.on('message', (message) => {
  if (message === 'close') {
    try { db && db.close(); } catch {}
    parentPort.close();
    return;
  }
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  parentPort.postMessage('done');
});
`;

export function backgroundCheckpoints(file: string, inline: () => void): Checkpointer {
  let worker: Worker | undefined;
  let ready = false;
  let failed = false;
  let running = false;
  let closing = false;
  let steps = 0;
  /** A step was asked for while one ran: WAL written since then waits for another. */
  let again = false;
  const start = () => {
    try {
      const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
      worker = new Worker(SOURCE, { eval: true, workerData: { sqlite, file }, execArgv: [] });
    } catch {
      failed = true;
      return;
    }
    // Held open until loaded: a thread torn down while a native module loads can abort the process.
    worker.on('message', (message: string) => {
      if (message === 'ready') {
        ready = true;
        if (closing) end();
        else worker!.unref();
      } else if (message === 'failed') {
        failed = true;
        end();
      } else if (message === 'done') {
        running = false;
        if (again && !closing) {
          again = false;
          send();
        } else worker!.unref();
      }
    });
    worker.on('error', () => (failed = true));
    worker.on('exit', () => (failed = true));
  };
  const end = () => worker?.postMessage('close');
  const send = () => {
    running = true;
    worker!.ref();
    worker!.postMessage('step');
  };
  return {
    step() {
      if (failed) return inline();
      // A command that writes a little asks once: no thread for it (closing its connection
      // checkpoints anyway). A stream asks again and again.
      if (++steps === 1) return;
      if (!worker) start();
      if (failed) return inline();
      // Still loading: this step is skipped, the next one copies what it would have.
      if (!ready) return;
      if (running) again = true;
      else send();
    },
    close() {
      closing = true;
      if (ready) end();
    },
  };
}
