// The interactive CommonJS bundle's two esbuild plugins (scripts/bundle-plugins.mjs): Ink's top-level
// awaits are removed exactly as expected, and a changed Ink fails the build instead of shipping.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

type OnLoad = (args: { path: string }) => { contents: string };
type Plugin = { setup(build: { onLoad(opts: { filter: RegExp }, cb: OnLoad): void; onResolve(opts: { filter: RegExp }, cb: () => { path: string }): void }): void };
const pluginsFile = path.resolve(import.meta.dirname, '../../scripts/bundle-plugins.mjs');
const plugins = (await import(pluginsFile)) as { inkWithoutTopLevelAwait: Plugin; yogaInstance: Plugin };

function hooks(plugin: Plugin) {
  const loads: Array<{ filter: RegExp; cb: OnLoad }> = [];
  const resolves: Array<{ filter: RegExp; cb: () => { path: string } }> = [];
  plugin.setup({ onLoad: (opts, cb) => loads.push({ filter: opts.filter, cb }), onResolve: (opts, cb) => resolves.push({ filter: opts.filter, cb }) });
  return { loads, resolves };
}

describe('inkWithoutTopLevelAwait', () => {
  const [load] = hooks(plugins.inkWithoutTopLevelAwait).loads;
  const reconciler = createRequire(import.meta.url).resolve('ink').replace(/index\.js$/, 'reconciler.js');

  it("applies to Ink's reconciler only", () => {
    expect(load!.filter.test(reconciler)).toBe(true);
    expect(load!.filter.test(reconciler.replace('reconciler.js', 'ink.js'))).toBe(false);
  });

  it('takes the awaits out of the installed Ink and nothing else', () => {
    const original = fs.readFileSync(reconciler, 'utf8');
    const { contents } = load!.cb({ path: reconciler });
    expect(contents).not.toContain("await import('./devtools.js')");
    expect(contents).not.toContain('await loadPackageJson()');
    expect(contents).toContain("import('./devtools.js')");
    expect(contents.replaceAll(' ', '').length).toBe(original.replaceAll(' ', '').length - 2 * 'await'.length);
  });

  it('fails the build when Ink no longer holds what it removes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-plugins-'));
    try {
      const changed = path.join(dir, 'reconciler.js');
      fs.writeFileSync(changed, "const packageJson = isDev() ? await readPackage() : {};\n");
      expect(() => load!.cb({ path: changed })).toThrow(/update scripts\/bundle-plugins\.mjs/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('yogaInstance', () => {
  it('gives `yoga-layout` itself, not its subpaths, the loadable instance', () => {
    const [resolve] = hooks(plugins.yogaInstance).resolves;
    expect(resolve!.filter.test('yoga-layout')).toBe(true);
    expect(resolve!.filter.test('yoga-layout/load')).toBe(false);
    expect(resolve!.cb().path).toMatch(/src[\\/]ui[\\/]yoga-instance\.ts$/);
  });
});
