// One real relay (test/helpers/relay.ts) for a test file: started before its tests, stopped after.
// What the file holds is the relay; it may be used once the tests run, not while they are collected.
import { afterAll, beforeAll } from 'vitest';
import { startRelay, type TestRelay } from './relay.js';

export function relayForFile(): TestRelay {
  let relay: TestRelay | undefined;
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(async () => {
    await relay?.stop();
  });
  return new Proxy({} as TestRelay, {
    get(_target, key) {
      if (!relay) throw new Error('the relay starts before the tests: use it inside one');
      const value = relay[key as keyof TestRelay];
      return typeof value === 'function' ? value.bind(relay) : value;
    },
  });
}
