// conf, loaded on the first write only. With its JSON-schema validator (ajv,
// ajv-formats, fast-uri, semver) it costs ~150 ms to load, and reads never need
// it: they parse the JSON themselves (config.ts). It is required synchronously
// (Node >= 20.19 loads an ES module through require) so saves stay synchronous,
// and it stays out of the bundle: the build marks it external.
import { createRequire } from 'node:module';
import type Conf from 'conf';

let loaded: typeof Conf | undefined;

export function loadConf(): typeof Conf {
  loaded ??= (createRequire(import.meta.url)('conf') as { default: typeof Conf }).default;
  return loaded;
}
