// esbuild plugins for the interactive CommonJS bundle (src/start.ts says why it
// is CommonJS: V8's code cache). CommonJS cannot hold a top-level await; two
// dependencies have one.
import fs from 'node:fs';
import path from 'node:path';

/** yoga-layout's entry awaits its WebAssembly at the top level: Ink gets src/ui/yoga-instance.ts instead. */
export const yogaInstance = {
  name: 'yoga-instance',
  setup(build) {
    const instance = path.resolve('src/ui/yoga-instance.ts');
    build.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: instance }));
  },
};

/**
 * Ink's reconciler awaits two imports at its top level, both only when DEV=true
 * (React devtools, its package.json); the bundle defines DEV as false. The awaits
 * go, the imports stay; the build fails if Ink's code is not what this expects.
 */
const AWAITS = [
  ["await import('./devtools.js')", "import('./devtools.js')"],
  ['? await loadPackageJson()', '? loadPackageJson()'],
];

export const inkWithoutTopLevelAwait = {
  name: 'ink-without-top-level-await',
  setup(build) {
    build.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
      let code = fs.readFileSync(args.path, 'utf8');
      for (const [awaited, plain] of AWAITS) {
        if (!code.includes(awaited)) throw new Error(`${args.path} no longer holds \`${awaited}\`: update scripts/bundle-plugins.mjs`);
        code = code.replace(awaited, plain);
      }
      // Any other top-level await left fails the build (esbuild refuses it in CommonJS).
      return { contents: code, loader: 'js' };
    });
  },
};
