// The tests StrykerJS runs against each mutant of the sanitiser
// (stryker.sanitize.config.mjs): those that assert on what sanitize() returns.
// Nearly every test imports the sanitiser through something else, and most of
// its mutants are module-level patterns that Stryker runs against every
// related test, so the main config would take hours; this one takes minutes.
// The score it gives is a lower bound (the other tests could only kill more).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/sanitize.test.ts', 'test/unit/sanitize-exact.test.ts', 'test/unit/sanitize-layout.test.ts', 'test/core/links.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    maxWorkers: 1,
  },
});
