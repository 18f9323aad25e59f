// What Ink gets for `yoga-layout` in the interactive CommonJS bundle only
// (scripts/bundle-plugins.mjs). The package's own entry loads its WebAssembly
// with a top-level await, which CommonJS cannot hold; this one is loaded by
// `ready()` (yoga-ready.ts) before Ink first lays anything out. Ink reads the
// default export at render time only, and the bundle keeps it a live binding.
import { loadYoga, type Yoga as YogaInstance } from 'yoga-layout/load';

let Yoga: YogaInstance | undefined;
export { Yoga as default };
export * from 'yoga-layout/load';

export async function ready(): Promise<void> {
  Yoga ??= await loadYoga();
}
