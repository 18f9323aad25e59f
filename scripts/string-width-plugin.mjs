// An esbuild plugin that rewrites string-width's index.js (every copy in the bundle: 8.x for Ink
// and src/core/text-layout, 7.x under wrap-ansi and cliui) so that loading it costs nothing and
// measuring text without emoji never builds its emoji regex (issue #17). Widths stay exactly
// what string-width computes: test/unit/string-width-patch.test.ts compares the patched RGI check
// with the real regex on every code point (alone, + U+FE0F, + skin tone, as keycap base), and the
// patched and original widths on every emoji code point, every regional-indicator pair, every
// sequence emoji-regex knows, a corpus and a seeded fuzz.
//
// Measured on Node 20 (node -e, one run each, ms):
// - `/^\p{RGI_Emoji}$/v` at module top level: ~20 to construct (V8 expands ~3,700 strings) and
//   ~22 more for its first test on a non-ASCII string (compiling it; ~8 inside the app). Every
//   non-ASCII string Ink measures (the box border '─', '·', '…') reached that test, so the first
//   frame paid both with no emoji on screen.
// - The first `new Intl.Segmenter()` in a process: ~12 (ICU's start-up; later ones ~0.1). The three
//   string-width copies are imported by dist/cli.js itself, so every command paid it at load.
import fs from 'node:fs/promises';
import path from 'node:path';

// Keeps a string-width upgrade from silently skipping (or breaking) the rewrite: each piece must be
// found exactly where expected, and no other Intl.Segmenter or RGI_Emoji regex may be left in code.
function replaceOnce(source, from, to, file) {
  const at = source.indexOf(from);
  if (at === -1 || source.indexOf(from, at + 1) !== -1) {
    throw new Error(`string-width plugin: expected exactly one \`${from}\` in ${file}; string-width changed, update scripts/string-width-plugin.mjs`);
  }
  return source.slice(0, at) + to + source.slice(at + from.length);
}

/** The source without its block comments and whole-line `//` comments: where the checks count uses. */
const codeOf = (source) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

function count(source, pattern) {
  return codeOf(source).match(pattern)?.length ?? 0;
}

// The segmenter is made on the first string that is not printable ASCII.
const LAZY_SEGMENTER = '(segmenter ??= new Intl.Segmenter()).segment(string)';

// 8.x asks `rgiEmojiRegex.test(segment)` of every grapheme cluster. This object answers the same:
// 1. Every RGI_Emoji string (UTS #51: basic emoji, keycap, flag, modifier, tag and ZWJ sequences)
//    holds a non-ASCII code point with the Emoji property, or U+20E3 for a keycap; a cluster with
//    neither is not one, so text without emoji never builds the regex.
// 2. A cluster of one code point, alone or followed by U+FE0F, is an RGI emoji exactly when it is
//    Basic_Emoji: an Emoji_Presentation code point other than a regional indicator alone, or a
//    non-ASCII Emoji code point without Emoji_Presentation followed by U+FE0F (the emoji form of
//    a text-default character, e.g. ❤️). The commonest emoji in notes are answered so.
// 3. Anything else (flags, skin tones, ZWJ and tag sequences, keycaps) asks the real regex, built
//    on first need.
const LAZY_RGI_REGEX = String.raw`// Patched by scripts/string-width-plugin.mjs: built on first need, and only asked when the
// cheap exact checks below cannot answer (see that file for why each is exact).
const mayBeRgiEmoji = /\u20E3|(?![\0-\x7F])\p{Emoji}/u;
const oneCodePointMaybeFe0f = /^.\uFE0F?$/su;
const basicEmoji = /^(?:(?!\p{Regional_Indicator})\p{Emoji_Presentation}|(?![\0-\x7F])(?!\p{Emoji_Presentation})\p{Emoji}\uFE0F)$/u;
let rgiEmojiRegexBuilt;
const rgiEmojiRegex = {
	test(segment) {
		if (!mayBeRgiEmoji.test(segment)) {
			return false;
		}

		if (oneCodePointMaybeFe0f.test(segment)) {
			return basicEmoji.test(segment);
		}

		rgiEmojiRegexBuilt ??= new RegExp('^\\p{RGI_Emoji}$', 'v');
		return rgiEmojiRegexBuilt.test(segment);
	},
};`;

// 8.x answers printable ASCII at once (width = length) and segments everything else, ~18 µs a
// string, 130 times ASCII's cost: every note header ('Ann · 3h') and every line of accented, Greek
// or Cyrillic text paid it, in our layout and again in Ink's, on every frame. Its fast path also
// takes text made only of these characters, when ambiguous-width ones count as narrow (the
// default, and how Ink and src/core/text-layout.ts call it): Latin-1 and Latin Extended, Greek,
// Cyrillic, general punctuation, arrows, box drawing and blocks; each is a grapheme cluster of
// its own (no marks, joiners or format characters) one column wide, so the width is the length.
// Left out: the soft hyphen, unassigned Greek, Cyrillic combining marks, the line and paragraph
// separators and the bidirectional controls (U+202A-202E). test/unit/string-width-patch.test.ts
// compares every one of them with the original.
const ASCII_FAST_PATH = String.raw`if (/^[\u0020-\u007E]*$/.test(string)) {`;
const NARROW_FAST_PATH = String.raw`if (/^[\u0020-\u007E]*$/.test(string) || (ambiguousIsNarrow && /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u0370-\u0377\u037A-\u037F\u0384-\u038A\u038C\u038E-\u03A1\u03A3-\u0482\u048A-\u052F\u2010-\u2027\u2030-\u205E\u2190-\u21FF\u2500-\u259F]*$/.test(string))) {`;

/** string-width's index.js (7.x or 8.x) with a lazy segmenter and, for 8.x, a lazy RGI_Emoji regex and a wider fast path. */
export function patchStringWidth(source, file = 'string-width/index.js') {
  if (count(source, /Intl\.Segmenter/g) !== 1 || count(source, /\bsegmenter\b/g) !== 2) {
    throw new Error(`string-width plugin: ${file} does not create and use one Intl.Segmenter as expected; update scripts/string-width-plugin.mjs`);
  }
  let out = replaceOnce(source, 'const segmenter = new Intl.Segmenter();', 'let segmenter;', file);
  out = replaceOnce(out, 'segmenter.segment(string)', LAZY_SEGMENTER, file);

  // 7.x has no RGI_Emoji regex (it calls emoji-regex, which builds in well under 1 ms).
  const rgiUses = count(source, /RGI_Emoji/g);
  const rgiNames = count(source, /\brgiEmojiRegex\b/g);
  if (rgiUses === 0 && rgiNames === 0) return out;
  if (rgiUses !== 1 || rgiNames !== 2) {
    throw new Error(`string-width plugin: ${file} uses its RGI_Emoji regex other than as expected; update scripts/string-width-plugin.mjs`);
  }
  // Its one use stays as it is: `rgiEmojiRegex.test(segment)` now asks the object below.
  replaceOnce(out, 'rgiEmojiRegex.test(segment)', '', file);
  out = replaceOnce(out, ASCII_FAST_PATH, NARROW_FAST_PATH, file);
  return replaceOnce(out, 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', LAZY_RGI_REGEX, file);
}

/** Every file esbuild loads from a string-width package goes through here: index.js is patched, anything else fails the build. */
export const stringWidthPlugin = {
  name: 'string-width-lazy',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]/ }, async (args) => {
      if (path.basename(args.path) !== 'index.js') {
        throw new Error(`string-width plugin: unexpected file ${args.path}; update scripts/string-width-plugin.mjs`);
      }
      const source = await fs.readFile(args.path, 'utf8');
      return { contents: patchStringWidth(source, args.path), loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};
