// scripts/string-width-plugin.mjs rewrites string-width inside the bundle (issue #17: its emoji
// regex and segmenter are made on first need, and cheap exact checks answer most clusters). The
// bundle must measure exactly as string-width does: each installed copy is patched here the way
// the build patches it, loaded beside the original (so its own imports resolve the same), and the
// two are compared. Seed of the fuzz: FUZZ_SEED below.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patchStringWidth } from '../../scripts/string-width-plugin.mjs';
import { Fuzz } from '../helpers/fuzz.js';
import { hostileStrings, invisibleText, legitimateText } from '../helpers/hostile-strings.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FUZZ_SEED = 0x5717;
const PATCHED_NAME = `index.patched-test-${process.pid}.mjs`;
/** The exhaustive loops take 5-10 s alone, several times that while other tests share the two cores. */
const SLOW = 120_000;

type Options = { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean };
type Width = (text: string, options?: Options) => number;
interface Copy {
  dir: string;
  version: string;
  original: Width;
  patched: Width;
  /** The patched module's stand-in for `/^\p{RGI_Emoji}$/v` (8.x only). */
  patchedRgi?: { test(segment: string): boolean };
}

/** Every string-width package installed: the top one and those nested one level under a dependency. */
function installedCopies(): string[] {
  const top = path.join(ROOT, 'node_modules');
  const owners = fs.readdirSync(top).flatMap((name) => (name.startsWith('@') ? fs.readdirSync(path.join(top, name)).map((sub) => `${name}/${sub}`) : [name]));
  const dirs = [path.join(top, 'string-width'), ...owners.map((owner) => path.join(top, owner, 'node_modules', 'string-width'))];
  return dirs.filter((dir) => fs.existsSync(path.join(dir, 'package.json')));
}

const copies: Copy[] = [];
// The regex string-width 8 builds (as a constructor: TypeScript's target predates the v flag).
const RGI = new RegExp('^\\p{RGI_Emoji}$', 'v');
const TONES = ['\u{1F3FB}', '\u{1F3FC}', '\u{1F3FD}', '\u{1F3FE}', '\u{1F3FF}'];
const codePoint = (c: number): string => (c >= 0xd800 && c <= 0xdfff ? String.fromCharCode(c) : String.fromCodePoint(c));
const show = (text: string): string => [...text].map((c) => c.codePointAt(0)!.toString(16)).join(' ');

beforeAll(async () => {
  for (const dir of installedCopies()) {
    const file = path.join(dir, 'index.js');
    let patched = patchStringWidth(fs.readFileSync(file, 'utf8'), file);
    const hasRgiRegex = patched.includes('const rgiEmojiRegex = {');
    if (hasRgiRegex) patched += '\nexport { rgiEmojiRegex as patchedRgiEmojiRegex };\n';
    // Beside the original, so `import 'strip-ansi'` and the rest resolve to the same packages.
    fs.writeFileSync(path.join(dir, PATCHED_NAME), patched);
    const original = (await import(pathToFileURL(file).href)) as { default: Width };
    const patchedModule = (await import(pathToFileURL(path.join(dir, PATCHED_NAME)).href)) as {
      default: Width;
      patchedRgiEmojiRegex?: Copy['patchedRgi'];
    };
    const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
    copies.push({ dir: path.relative(ROOT, dir), version, original: original.default, patched: patchedModule.default, patchedRgi: patchedModule.patchedRgiEmojiRegex });
  }
});

afterAll(() => {
  for (const dir of installedCopies()) fs.rmSync(path.join(dir, PATCHED_NAME), { force: true });
});

/** Inputs where a copy's patched and original widths differ (at most 10, shown as code points). */
function mismatches(copy: Copy, inputs: Iterable<string>, options?: Options): string[] {
  const out: string[] = [];
  for (const text of inputs) {
    const want = copy.original(text, options);
    const got = copy.patched(text, options);
    if (got !== want && out.push(`${show(text)}: ${got} != ${want}`) >= 10) break;
  }
  return out;
}

/**
 * Every string emoji-regex (the pattern string-width 7 uses, generated from Unicode's emoji data)
 * can match: its pattern is only literals, classes, (?:…), | and ?, so it expands to a finite list
 * that holds every RGI ZWJ, tag, modifier, flag and keycap sequence.
 */
function emojiRegexStrings(): string[] {
  const source = (createRequire(import.meta.url)('emoji-regex') as () => RegExp)().source;
  let i = 0;
  const char = (): string => {
    if (source[i] !== '\\') return source[i++]!;
    const kind = source[i + 1]!;
    const digits = kind === 'u' ? 4 : kind === 'x' ? 2 : 0;
    i += 2 + digits;
    return digits === 0 ? kind : String.fromCharCode(parseInt(source.slice(i - digits, i), 16));
  };
  const alternation = (): string[] => {
    const options = [sequence()];
    while (source[i] === '|') i++, options.push(sequence());
    return options.flat();
  };
  const sequence = (): string[] => {
    let strings = [''];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      let atom: string[] = [];
      if (source.startsWith('(?:', i)) {
        i += 3;
        atom = alternation();
        expect(source[i++]).toBe(')');
      } else if (source[i] === '[') {
        i++;
        while (source[i] !== ']') {
          const from = char().charCodeAt(0);
          const to = source[i] === '-' && source[i + 1] !== ']' ? (i++, char().charCodeAt(0)) : from;
          for (let c = from; c <= to; c++) atom.push(String.fromCharCode(c));
        }
        i++;
      } else atom = [char()];
      if (source[i] === '?') i++, atom.unshift('');
      strings = strings.flatMap((s) => atom.map((a) => s + a));
    }
    return strings;
  };
  const strings = alternation();
  expect(i).toBe(source.length);
  return strings;
}

describe('patched string-width measures exactly as string-width', () => {
  it('patches every installed copy, 7.x and 8.x alike', () => {
    expect(copies.length).toBe(installedCopies().length);
    // Today: 8.3.0 at the top (Ink, our text layout), 7.2.0 under wrap-ansi and cliui.
    expect(copies.filter((c) => c.patchedRgi).map((c) => c.version.split('.')[0])).toContain('8');
    expect(copies.filter((c) => !c.patchedRgi).map((c) => c.version.split('.')[0])).toContain('7');
  });

  // The only code the patch changes in what a cluster measures is the RGI check (the rest of
  // string-width is the same text). Comparing it with the real regex on every code point in each
  // shape, and on every part a segmenter could cut such a string into, is exhaustive for them.
  it('the RGI check agrees with /^\\p{RGI_Emoji}$/v on every code point alone, with U+FE0F, with a skin tone, as keycap base', () => {
    const withRgi = copies.filter((c) => c.patchedRgi);
    expect(withRgi.length).toBeGreaterThan(0);
    for (const { patchedRgi } of withRgi) {
      const wrong: string[] = [];
      const check = (text: string) => {
        if (patchedRgi!.test(text) !== RGI.test(text) && wrong.length < 10) wrong.push(show(text));
      };
      ['\uFE0F', '\u20E3', '\uFE0F\u20E3', ...TONES].forEach(check);
      for (let c = 0; c <= 0x10ffff; c++) {
        const x = codePoint(c);
        check(x);
        check(`${x}\uFE0F`);
        check(`${x}${TONES[c % 5]}`);
        check(`${x}\uFE0F\u20E3`);
        check(`${x}\u20E3`);
      }
      for (let c = 0; c <= 0x10ffff; c++) if (/\p{Emoji_Modifier_Base}/u.test(codePoint(c))) TONES.forEach((tone) => check(codePoint(c) + tone));
      expect(wrong).toEqual([]);
    }
  }, SLOW);

  // stringWidth itself, on every emoji-related code point in the same shapes, and on every 61st
  // of the rest (a call costs ~8 µs in Intl.Segmenter: the whole range in 5 shapes would take minutes).
  it('widths agree on emoji and Hangul jamo code points and a sample of all others, alone, with U+FE0F, a skin tone, as keycap base', () => {
    const emojiLike = /[\p{Emoji}\p{Emoji_Component}\p{Extended_Pictographic}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]/u;
    const bases: string[] = [];
    for (let c = 0; c <= 0x10ffff; c++) if (c % 61 === 0 || emojiLike.test(codePoint(c))) bases.push(codePoint(c));
    const inputs = bases.flatMap((x, n) => [x, `${x}\uFE0F`, `${x}${TONES[n % 5]}`, `${x}\uFE0F\u20E3`, `a${x}b`]);
    for (const copy of copies) expect(mismatches(copy, inputs), copy.dir).toEqual([]);
  }, SLOW);

  // 8.x's fast path also takes Latin, Greek, Cyrillic, punctuation, arrows and box drawing when
  // ambiguous characters are narrow: every code point below U+3000 (they all lie there), alone,
  // in ASCII, next to its neighbour and in a header's shape, with each option.
  it('widths agree on every code point below U+3000 in the shapes the widened fast path takes', () => {
    const inputs: string[] = [];
    for (let c = 0; c < 0x3000; c++) {
      const x = codePoint(c);
      inputs.push(x, `a${x}b`, x + codePoint(c + 1), `Ann ${x} 3h`, x.repeat(3));
    }
    inputs.push('Ann Smith · 3h', 'Ελληνικά · Кириллица — “quoted” … ↳ ▌ ─┼─', 'Müller, Ærø, Łódź, ǅ, ʃ');
    for (const copy of copies) {
      for (const options of [undefined, { ambiguousIsNarrow: false }, { countAnsiEscapeCodes: true }]) {
        expect(mismatches(copy, inputs, options), copy.dir).toEqual([]);
      }
    }
  }, SLOW);

  it('widths agree on all pairs and triples of regional indicators', () => {
    const ri = Array.from({ length: 26 }, (_, i) => String.fromCodePoint(0x1f1e6 + i));
    const inputs = ri.flatMap((a) => ri.flatMap((b) => [a + b, `${a}${b}${a}`, `x${a}${b}`]));
    for (const copy of copies) expect(mismatches(copy, inputs), copy.dir).toEqual([]);
  });

  it('widths agree on every emoji sequence emoji-regex knows, alone and in text', () => {
    const sequences = emojiRegexStrings();
    // Its expansion holds every ZWJ and tag sequence of the RGI set (England, Scotland, Wales).
    expect(sequences.filter((s) => RGI.test(s) && s.includes('\u200d')).length).toBeGreaterThan(1000);
    expect(sequences.filter((s) => RGI.test(s) && /\u{E007F}/u.test(s))).toHaveLength(3);
    const inputs = sequences.flatMap((s) => [s, `a ${s} b`, s + s, `${s}\u200d${s}`]);
    for (const copy of copies) expect(mismatches(copy, inputs), copy.dir).toEqual([]);
  }, SLOW);

  it('widths agree on CJK, marks, Hangul jamo, ANSI colours and the hostile-text corpus, with each option', () => {
    const inputs = [
      ...[...legitimateText, ...invisibleText, ...hostileStrings].map((t) => t.text),
      '🏴󠁧󠁢󠁥󠁮󠁧󠁿 England', '👨‍👩‍👧‍👦👩🏽‍💻🏳️‍🌈🏳️‍⚧️❤️‍🔥', '你好世界 ｶﾞｷﾞ ｰ', 'e\u0301\u0308 a\u20dd \u0903', '\u1100\u1161\u11a8 \u1100\u1100\u1161 \ud7b0', '─·…×é',
      '\u001b[31m❤️ red\u001b[0m', '\u001b]8;;https://x\u0007link\u001b]8;;\u0007', '\u009b31m界', '1\u20e3 #\ufe0f\u20e3 *️⃣', '☺ ☺️ ☺\ufe0e',
    ];
    for (const copy of copies) {
      for (const options of [undefined, { ambiguousIsNarrow: false }, { countAnsiEscapeCodes: true }]) {
        expect(mismatches(copy, inputs, options), copy.dir).toEqual([]);
      }
    }
  });

  it(`widths agree on seeded random mixtures (seed ${FUZZ_SEED})`, () => {
    const fuzz = new Fuzz(FUZZ_SEED);
    const sequences = emojiRegexStrings();
    const pieces = [
      '\u200d', '\ufe0f', '\ufe0e', '\u20e3', '#', '*', '7', 'a', ' ', '界', 'ｰ', '\u0301', '\u0903', '\u1100', '\u1161', '\u11a8', '가',
      '\u{1F3F4}', '\u{E0067}', '\u{E007F}', '\u001b[1m', '\u001b[0m', '\u2764', '\u{1F600}', '\ud83d', '\ude00', ...TONES,
    ];
    const piece = (): string => {
      const roll = fuzz.int(10);
      if (roll < 4) return fuzz.pick(pieces);
      if (roll < 6) return fuzz.pick(sequences);
      if (roll < 7) return String.fromCodePoint(0x1f1e6 + fuzz.int(26));
      if (roll < 8) return String.fromCodePoint(0xe0020 + fuzz.int(0x60));
      if (roll < 9) return String.fromCharCode(fuzz.int(0x10000));
      return String.fromCodePoint(fuzz.int(0x110000));
    };
    const inputs = Array.from({ length: 4000 }, () => Array.from({ length: 1 + fuzz.int(8) }, piece).join(''));
    for (const copy of copies) expect(mismatches(copy, inputs), `${copy.dir}, seed ${FUZZ_SEED}`).toEqual([]);
  });
});

describe('what the patch makes lazy', () => {
  it('importing creates no segmenter, measuring ASCII and emoji-free text builds no RGI regex', async () => {
    const dir = path.join(ROOT, 'node_modules', 'string-width');
    const { original } = copies.find((c) => c.dir === path.join('node_modules', 'string-width'))!;
    const made = { segmenters: 0, rgi: 0 };
    const { Segmenter } = Intl;
    const intl = Intl as { Segmenter: typeof Intl.Segmenter };
    const { RegExp: RealRegExp } = globalThis;
    intl.Segmenter = class extends Segmenter {
      constructor(...args: ConstructorParameters<typeof Segmenter>) {
        super(...args);
        made.segmenters++;
      }
    };
    globalThis.RegExp = new Proxy(RealRegExp, {
      construct(target, args: [string, string?]) {
        if (String(args[0]).includes('RGI_Emoji')) made.rgi++;
        return new target(...args);
      },
    });
    try {
      // A fresh module instance (its own file name), loaded while the constructors are watched.
      const file = path.join(dir, `index.lazy-test-${process.pid}.mjs`);
      fs.writeFileSync(file, patchStringWidth(fs.readFileSync(path.join(dir, 'index.js'), 'utf8')));
      try {
        const { default: width } = (await import(pathToFileURL(file).href)) as { default: Width };
        expect(made).toEqual({ segmenters: 0, rgi: 0 });
        expect(width('plain ASCII')).toBe(11);
        expect(made).toEqual({ segmenters: 0, rgi: 0 });
        // Box borders, CJK, marks and the commonest emoji (one code point, or one with U+FE0F).
        expect(width('┌─ 界 é · … ❤️ 😀 ☺️ ☺')).toBe(original('┌─ 界 é · … ❤️ 😀 ☺️ ☺'));
        expect(made).toEqual({ segmenters: 1, rgi: 0 });
        // A sequence needs the real regex, built once.
        expect(width('👩🏽‍💻 🇯🇵 👍🏻')).toBe(original('👩🏽‍💻 🇯🇵 👍🏻'));
        expect(made).toEqual({ segmenters: 1, rgi: 1 });
      } finally {
        fs.rmSync(file, { force: true });
      }
    } finally {
      intl.Segmenter = Segmenter;
      globalThis.RegExp = RealRegExp;
    }
  });
});

describe('the plugin refuses a string-width it does not know', () => {
  const v8 = fs.readFileSync(path.join(ROOT, 'node_modules', 'string-width', 'index.js'), 'utf8');
  it.each([
    ['the segmenter renamed', v8.replaceAll('segmenter', 'graphemeSegmenter')],
    ['a second segmenter', `${v8}\nconst words = new Intl.Segmenter(undefined, {granularity: 'word'});\n`],
    ['the RGI regex written otherwise', v8.replace('/^\\p{RGI_Emoji}$/v', 'new RegExp("^\\\\p{RGI_Emoji}$", "v")')],
    ['the RGI regex used twice', v8.replace('rgiEmojiRegex.test(segment) ||', 'rgiEmojiRegex.test(segment) || rgiEmojiRegex.test(string) ||')],
    ['a second RGI regex', `${v8}\nconst rgiAnywhere = /\\p{RGI_Emoji}/v;\n`],
  ])('%s', (_name, source) => {
    expect(() => patchStringWidth(source, 'string-width/index.js')).toThrow(/update scripts\/string-width-plugin\.mjs/);
  });
});

describe('the bundle', () => {
  // dist/ is built by `npm test` (and `npm run build`) before the tests run.
  it('holds only patched string-width copies, each one tested above', () => {
    const dist = path.join(ROOT, 'dist');
    const bundled: string[] = [];
    for (const name of fs.readdirSync(dist).filter((n) => n.endsWith('.js'))) {
      const code = fs.readFileSync(path.join(dist, name), 'utf8');
      // esbuild heads each module's code with a `// node_modules/…` comment naming its file.
      for (const [, file, body] of code.matchAll(/^\/\/ (node_modules\/(?:.*\/)?string-width\/index\.js)\n([\s\S]*?)(?=^\/\/ (?:node_modules|src)\/|(?![\s\S]))/gm)) {
        bundled.push(path.dirname(file!));
        expect(body, file).toContain('segmenter ??= new Intl.Segmenter()');
        expect(body, file).not.toMatch(/^var segmenter = new Intl\.Segmenter/m);
        if (body!.includes('RGI_Emoji')) expect(body, file).toMatch(/rgiEmojiRegexBuilt\d* \?\?= new RegExp\("\^\\\\p\{RGI_Emoji\}\$", "v"\)/);
      }
    }
    expect(bundled.length).toBeGreaterThanOrEqual(2);
    expect(copies.map((c) => c.dir)).toEqual(expect.arrayContaining(bundled));
  });
});
