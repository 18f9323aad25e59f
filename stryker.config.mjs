// StrykerJS over the modules that guard the user (issue 20): verification,
// relay message parsing, the sanitiser, the timeline model, the outbox, key
// storage and the cache's filter semantics. Slow (minutes per module on two
// cores), so not in CI: `npm run mutate`, or one module with
// `npx stryker run --mutate src/store/events.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: [
    'src/net/verified-events.ts',
    'src/core/relay-message.ts',
    // The sanitiser runs against its own tests: stryker.sanitize.config.mjs.
    'src/core/timeline.ts',
    'src/store/outbox.ts',
    'src/store/keys.ts',
    'src/store/events.ts',
  ],
  coverageAnalysis: 'perTest',
  // The machine is shared: one mutant at a time.
  concurrency: 1,
  // A mutant that makes a test hang (a loop that never ends) is counted as killed after this.
  timeoutMS: 5_000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
