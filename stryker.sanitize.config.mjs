// StrykerJS over the sanitiser alone, against its own tests
// (vitest.mutate-sanitize.config.ts): `npm run mutate:sanitize`.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: ['src/core/sanitize.ts'],
  vitest: { configFile: 'vitest.mutate-sanitize.config.ts', related: false },
  htmlReporter: { fileName: 'reports/mutation/sanitize.html' },
};
