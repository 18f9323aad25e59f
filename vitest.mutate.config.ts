// The tests StrykerJS runs against each mutant (npm run mutate): those that
// import src/ in this process. CLI, pty and e2e tests spawn the built dist/,
// which a mutant of src/ never reaches (and the sandbox has no dist/), so they
// are left out. Standalone rather than merged: mergeConfig would append to
// the base config's `include` instead of replacing it.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    include: [
      'test/unit/**/*.test.ts',
      'test/core/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/fuzz/relay-message.test.ts',
    ],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 1,
  },
});
