// An esbuild plugin (and the same rewrite for bench/patch-hooks.mjs) that lets Ink reuse what it
// computed for a line of text on the frames after, instead of computing it again on every frame
// (issue #17: frame-stall).
//
// Ink's Output keeps its caches (a line's styled cells, a string's width) in the Output object,
// and a new Output is made for every frame; its clip path slices every line of a clipped box
// with slice-ansi, render-node-to-output measures every text node with widest-line, both
// uncached, and every row of the screen is rebuilt cell by cell and turned back into a string.
// While a feed streams in, a timeline frame at 100x30 spent 15-40 ms there, most of it on the
// same lines as the frame before. Here the caches outlive the frame, bounded: each keeps the
// entries of its current generation and the one before, so what is on screen stays cached and
// what scrolled away is dropped. A row is drawn (by Ink's own code, moved) only when no recent
// frame had the same writes in it: the same lines at the same columns, at the same width. Ink's
// measureText cache, kept forever (one entry per text ever measured, a leak in a long streaming
// session), gets the same bound.
//
// What is cached is what Ink computed, unchanged: the cells are only read after (a row holds
// references to them and styledCharsToString reads them), a string's width and slice depend on the
// string alone, and a row's string on its width and its writes, in order.
// test/unit/ink-frame-cache.test.ts draws the same frames through patched and unpatched Ink and
// compares them.
import fs from 'node:fs/promises';
import path from 'node:path';

function replaceOnce(source, from, to, file) {
  const at = source.indexOf(from);
  if (at === -1 || source.indexOf(from, at + 1) !== -1) {
    throw new Error(`ink frame-cache plugin: expected exactly one \`${from}\` in ${file}; Ink changed, update scripts/ink-frame-cache-plugin.mjs`);
  }
  return source.slice(0, at) + to + source.slice(at + from.length);
}

// Each cache keeps up to `limit` entries in its current generation; a 100x30 frame holds about 60
// distinct lines and 200 distinct characters, so the screen's stay cached across generations. A
// line's cells are the big entries (an object per character, ~70 bytes each): at most 600 lines
// of them, a few MB, and they are only needed for rows not drawn before.
const FRAME_CACHES = String.raw`
// Patched by scripts/ink-frame-cache-plugin.mjs: caches that outlive a frame, two generations each.
class Generations {
    current = new Map();
    previous = new Map();
    constructor(limit) {
        this.limit = limit;
    }
    get(key) {
        let value = this.current.get(key);
        if (value === undefined) {
            value = this.previous.get(key);
            if (value !== undefined) {
                this.set(key, value);
            }
        }
        return value;
    }
    set(key, value) {
        if (this.current.size >= this.limit) {
            this.previous = this.current;
            this.current = new Map();
        }
        this.current.set(key, value);
    }
}
class FrameCaches extends OutputCaches {
    widths = new Generations(2000);
    blockWidths = new Generations(2000);
    styledChars = new Generations(300);
    slices = new Generations(2000);
    measures = new Generations(2000);
    rows = new Generations(1000);
    getSlice(line, from, to) {
        const key = from + ':' + to + ':' + line;
        let cached = this.slices.get(key);
        if (cached === undefined) {
            cached = sliceAnsi(line, from, to);
            this.slices.set(key, cached);
        }
        return cached;
    }
}
export const frameCaches = new FrameCaches();
`;

// Output.get's three pieces that draw a row: its blank cells, a write's cells placed in it, and the
// row made a string. The patch moves them, as they are, into FrameCaches.drawRow, which runs only for
// a row whose writes (each a column and a line) no recent frame had; get() collects those writes.
const BLANK_ROW = `            const row = [];
            for (let x = 0; x < this.width; x++) {
                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });
            }
            output.push(row);`;
const PLACE_CELLS_START = '                    const characters = this.caches.getStyledChars(line);\n';
const PLACE_CELLS_END = '                        offsetX += characterWidth;\n                    }\n';
const ROW_STRING = `            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();`;

function drawRow(placeCells) {
  return `
    drawRow(width, writes) {
        const output = [];
${BLANK_ROW.replaceAll('this.width', 'width')}
        const currentLine = output[0];
        for (let i = 0; i < writes.length; i += 2) {
            const x = writes[i];
            const line = writes[i + 1];
${placeCells.replaceAll('this.caches.', 'this.')}
        }
        const line = currentLine;
${ROW_STRING}
    }
    getRow(width, writes) {
        let key = String(width);
        for (let i = 0; i < writes.length; i += 2) {
            key += '\\0' + writes[i] + ':' + writes[i + 1].length + ':' + writes[i + 1];
        }
        let cached = this.rows.get(key);
        if (cached === undefined) {
            cached = this.drawRow(width, writes);
            this.rows.set(key, cached);
        }
        return cached;
    }
`;
}

/** Ink's build/output.js: one FrameCaches for every Output, clipped lines sliced through it, rows drawn once. */
export function patchInkOutput(source, file = 'ink/build/output.js') {
  const start = source.indexOf(PLACE_CELLS_START);
  const end = source.indexOf(PLACE_CELLS_END, start);
  if (start === -1 || end === -1 || source.indexOf(PLACE_CELLS_START, start + 1) !== -1) {
    throw new Error(`ink frame-cache plugin: expected one cell-placing loop in ${file}; Ink changed, update scripts/ink-frame-cache-plugin.mjs`);
  }
  const placeCells = source.slice(start, end + PLACE_CELLS_END.length);
  let out = replaceOnce(source, placeCells, '                    currentLine.push(x, line);\n', file);
  out = replaceOnce(out, BLANK_ROW, '            output.push([]);', file);
  out = replaceOnce(out, ROW_STRING, '            return frameCaches.getRow(this.width, line);', file);
  const caches = FRAME_CACHES.replace('export const frameCaches', `${drawRow(placeCells)}}\nexport const frameCaches`).replace(/\n}\n(\n    drawRow)/, '$1');
  out = replaceOnce(out, 'export default class Output {', `${caches}export default class Output {`, file);
  out = replaceOnce(out, 'caches = new OutputCaches();', 'caches = frameCaches;', file);
  return replaceOnce(out, 'return sliceAnsi(line, from, to);', 'return this.caches.getSlice(line, from, to);', file);
}

/** Ink's build/render-node-to-output.js: a text node's widest line from the frame caches. */
export function patchInkRenderNodeToOutput(source, file = 'ink/build/render-node-to-output.js') {
  const out = replaceOnce(source, 'const currentWidth = widestLine(text);', 'const currentWidth = frameCaches.getWidestLine(text);', file);
  return `import { frameCaches } from './output.js';\n${out}`;
}

/** Ink's build/measure-text.js: its forever cache bounded like the others. */
export function patchInkMeasureText(source, file = 'ink/build/measure-text.js') {
  const out = replaceOnce(source, 'const cache = new Map();', 'const cache = frameCaches.measures;', file);
  return `import { frameCaches } from './output.js';\n${out}`;
}

/** Which rewrite a file of Ink's build gets, if any. */
export const INK_PATCHES = {
  'output.js': patchInkOutput,
  'render-node-to-output.js': patchInkRenderNodeToOutput,
  'measure-text.js': patchInkMeasureText,
};

/** The patch for a path inside an installed Ink's build/, or undefined. */
export function inkPatchFor(file) {
  if (!/[\\/]ink[\\/]build[\\/][^\\/]+\.js$/.test(file)) return undefined;
  return INK_PATCHES[path.basename(file)];
}

export const inkFrameCachePlugin = {
  name: 'ink-frame-cache',
  setup(build) {
    build.onLoad({ filter: /[\\/]ink[\\/]build[\\/](output|render-node-to-output|measure-text)\.js$/ }, async (args) => {
      const patch = inkPatchFor(args.path);
      const source = await fs.readFile(args.path, 'utf8');
      return { contents: patch(source, args.path), loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};
