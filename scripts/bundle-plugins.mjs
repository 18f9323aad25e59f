// esbuild plugins for the interactive CommonJS bundle (src/start.ts says why it
// is CommonJS: V8's code cache). CommonJS cannot hold a top-level await; two
// dependencies have one.
import fs from 'node:fs';
import path from 'node:path';
import { inkFrameCachePlugin } from './ink-frame-cache-plugin.mjs';
import { stringWidthPlugin } from './string-width-plugin.mjs';

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

/**
 * React is CommonJS: esbuild gives every module importing it its own ES module view of it,
 * copying all of React's 46 exports into a new object each time (65 modules, ours and Ink's;
 * 65 such copies took 8 ms in a bare `node -e`). Every `react` import goes through this one ES
 * module instead, which makes that view once. Interactive start, 15 interleaved starts each,
 * twice: services ready -> UI loaded 40.1 -> 33.1 and 40.5 -> 32.8 ms (medians).
 *
 * Node's built-in modules are CommonJS to esbuild too: a default import of `node:process` or
 * `node:fs` gave each of 13 and 12 modules its own copy of their ~80 and ~100 properties (42
 * copies with `node:path`, `node:os` and `node:tty`: ~2.5 ms in a bare `node -e`). They go through
 * one view each the same way.
 */
const ONE_VIEW_OF = ['react', 'node:process', 'node:fs', 'node:path', 'node:os', 'node:tty'];

export const oneViewEach = {
  name: 'one-view-of',
  setup(build) {
    const filter = new RegExp(`^(${ONE_VIEW_OF.join('|')})$`);
    build.onResolve({ filter }, (args) => {
      if (args.namespace === 'one-view-of') return undefined;
      return { path: args.path, namespace: 'one-view-of' };
    });
    build.onLoad({ filter: /.*/, namespace: 'one-view-of' }, (args) => ({
      contents: `export * from '${args.path}'; export { default } from '${args.path}';`,
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
};

/**
 * yoga-layout carries its WebAssembly as base64 and decodes it with `atob` (JavaScript in Node)
 * and a loop copying each character into a byte array: 6.1 ms for its 95 KB in a bare `node -e`,
 * against 0.7 ms for Node's native base64 decoder, which gives the same bytes. Interactive start,
 * 15 interleaved starts each, twice: services ready -> UI loaded 36.2 -> 30.2 and 36.9 -> 34.5 ms
 * (medians). And where `fetch` exists it fetches those bytes from their own data: URL, which
 * makes Node load its whole HTTP client (undici) first; it decodes them directly instead. The
 * build fails if yoga's code is not what this expects.
 */
const YOGA_REWRITES = [
  [
    'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
    'var d=Buffer.from(a.slice(37),"base64")',
  ],
  ['function ya(){return w||"function"!=typeof fetch?', 'function ya(){return true?'],
];

export const yogaFromItsBytes = {
  name: 'yoga-from-its-bytes',
  setup(build) {
    build.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      let code = fs.readFileSync(args.path, 'utf8');
      for (const [theirs, ours] of YOGA_REWRITES) {
        if (code.split(theirs).length !== 2) throw new Error(`${args.path} no longer loads its WebAssembly as expected: update scripts/bundle-plugins.mjs`);
        code = code.replace(theirs, ours);
      }
      return { contents: code, loader: 'js' };
    });
  },
};

/**
 * Ink's slice-ansi and @alcalzone/ansi-tokenize each make an Intl.Segmenter at their top level,
 * as the UI loads. A process's first segmenter costs ~7 ms (ICU builds its grapheme rules), and
 * the interactive start has a thread build those rules meanwhile (src/start.ts), but that thread
 * was still at it when the UI loaded (its own start-up takes ~35 ms on two busy cores), so the main
 * thread waited for it there. Made on first use instead, theirs come at the first render, by when
 * the rules are built. The build fails if their code is not what this expects.
 */
const TOP_LEVEL_SEGMENTERS = [
  [/[\\/]slice-ansi[\\/]tokenize-ansi\.js$/, "const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});", 'GRAPHEME_SEGMENTER'],
  [/[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/, 'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });', 'segmenter'],
];

export const segmentersOnFirstUse = {
  name: 'segmenters-on-first-use',
  setup(build) {
    for (const [file, declaration, name] of TOP_LEVEL_SEGMENTERS) {
      build.onLoad({ filter: file }, (args) => {
        const code = fs.readFileSync(args.path, 'utf8');
        // Only .segment() is ever asked of it: the object below answers that alone.
        const uses = code.split(`${name}.`).length - 1;
        if (code.split(declaration).length !== 2 || uses !== code.split(`${name}.segment(`).length - 1) {
          throw new Error(`${args.path} no longer makes its segmenter as expected: update scripts/bundle-plugins.mjs`);
        }
        const lazy = `let ${name}Made; const ${name} = { segment: (text) => (${name}Made ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(text) };`;
        return { contents: code.replace(declaration, lazy), loader: 'js' };
      });
    }
  },
};

/**
 * Every plugin of the interactive bundle, in order: scripts/build.mjs builds with it, and so does
 * bench/minimal-ink.ts, whose first frame is only a fair floor under ours if bundled the same way.
 */
export const interactivePlugins = [stringWidthPlugin, inkFrameCachePlugin, yogaInstance, yogaFromItsBytes, inkWithoutTopLevelAwait, oneViewEach, segmentersOnFirstUse];
