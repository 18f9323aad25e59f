// Runs one fuzz target inside a worker thread, so a case that hangs can be stopped
// from outside (a synchronous loop would freeze the test process itself).
// TypeScript is loaded through tsx, the project's dev runner.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runTarget } = await import('./run-target.ts');
parentPort.postMessage(await runTarget(workerData));
