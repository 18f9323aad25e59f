// The tests StrykerJS runs against each mutant (npm run mutate): those that
// import src/ in this process. CLI, pty and e2e tests spawn the built dist/,
// which a mutant of src/ never reaches (and the sandbox has no dist/), so they
// are left out. Standalone rather than merged: mergeConfig would append to
// the base config's `include` instead of replacing it.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    // The tests that exercise the mutated modules directly; the slower feed and
    // publish integration tests add run time but few kills.
    include: [
      'test/unit/**/*.test.ts',
      'test/core/**/*.test.ts',
      'test/fuzz/relay-message.test.ts',
      'test/integration/pool-verifiers.test.ts',
      'test/integration/pool-faults.test.ts',
      'test/integration/pool.test.ts',
      'test/integration/store-vs-relay.test.ts',
      'test/integration/outbox-flush.test.ts',
      'test/integration/pinned-defaults.test.ts',
      'test/integration/relay-lookup.test.ts',
      'test/integration/web-fetch.test.ts',
    ],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 1,
  },
});
