// The one gate between network text and the terminal (issue #6).
// Every string from a relay or an author passes through here before a human sees it;
// JSON output does not (JSON escaping already makes it safe, and it must stay byte-exact).
//
// What a terminal obeys and the rules below remove (ECMA-48 / xterm ctlseqs naming):
//  - ESC sequences: CSI (ESC [ … final), the string controls OSC, DCS, SOS, PM, APC
//    (ESC ] P X ^ _ … up to BEL or ST), and two-character escapes (ESC c resets the
//    terminal, ESC # 8 fills the screen, ESC ( 0 switches to line drawing). Some of them make
//    the terminal *answer* on its input (DECRQSS, cursor position, window title reports),
//    which types text into the program or the shell.
//  - C0 controls but newline and tab (BS and CR overwrite what was printed), DEL, and the
//    8-bit C1 controls U+0080-U+009F (some terminals read U+009B as CSI, U+009D as OSC).
//  - Bidi embeddings, overrides and isolates U+202A-U+202E, U+2066-U+2069: they make text
//    appear in another order than it is stored (CVE-2021-42574 "Trojan Source"). The marks
//    LRM, RLM and ALM cannot reorder a run: one stays next to right-to-left text, which needs it.
//  - Invisible characters (issue #16 item 8): default-ignorable code points that mean nothing on
//    a screen (ZWSP, word joiner, soft hyphen, BOM, fillers...), Unicode tag characters outside an
//    emoji flag (they spell hidden ASCII), variation selectors past the first on a base (they carry
//    hidden bytes), joiners not between letters or emoji, and marks with no base character.
// The output holds none of these, so the result is safe to concatenate with anything,
// and every step only removes or replaces characters: no step can build a new sequence.

/** Lone UTF-16 surrogates (a `\ud800` escape in relay JSON) print as U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udfff]/gu;

/**
 * ESC sequences, 7-bit form.
 *  - CSI: parameters 0x30-0x3F, intermediates 0x20-0x2F, one final 0x40-0x7E. A truncated one
 *    (cut off, or broken by a character that cannot belong to it) ends where it breaks.
 *  - OSC/DCS/SOS/PM/APC: a string up to BEL, ST (ESC \ or U+009C). An ESC inside that is not ST
 *    aborts the string, as in the DEC parser terminals follow, and starts a sequence of its own,
 *    so nested sequences come out one after another. An unterminated string runs to the end:
 *    the terminal would have swallowed all of it too.
 *  - Anything else after ESC: intermediates 0x20-0x2F and one final 0x30-0x7E, or nothing
 *    (a lone ESC is dropped and what follows is text).
 * Every ESC matches at least the last alternative, so no ESC survives this step.
 */
const ESCAPE_SEQUENCE =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\u0007\u001b\u009c]*(?:\u0007|\u009c|\u001b\\)?|[ -/]*[0-~]?)/g;

/**
 * Line ends a terminal would not treat as one: CR overwrites the line (CRLF is a newline),
 * and U+2028/U+2029 are line and paragraph separators by Unicode but not to a terminal.
 */
const LINE_BREAK = /\r\n?|[\u2028\u2029]/g;

/**
 * C0 controls except \t and \n, DEL, and C1 controls. The 8-bit forms of CSI, OSC, … are removed
 * as single characters, not parsed as sequences: they turn up in mojibake (the UTF-8 bytes of
 * ” read as Latin-1 end in U+009D), where swallowing the text after them would lose it.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Bidi embeddings (LRE, RLE), PDF, overrides (LRO, RLO) and isolates (LRI, RLI, FSI, PDI). */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Default-ignorable code points (Unicode's DerivedCoreProperties) that no writing system needs on a
 * terminal: soft hyphen, CGJ, Hangul fillers (a classic blank name), Khmer inherent vowels,
 * Mongolian vowel separator, ZWSP, word joiner and invisible operators, deprecated format
 * characters, BOM, shorthand and musical format controls, unassigned ignorables. Each is its own
 * grapheme of width zero, which Ink's output grid counts as a column, so six of them cut six
 * visible characters off a line (issue #16 item 8).
 */
const INVISIBLE =
  /[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u2060-\u2065\u206a-\u206f\u3164\ufeff\uffa0\ufff0-\ufff8\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}\u{e0080}-\u{e00ff}\u{e01f0}-\u{e0fff}]/gu;

/**
 * Unicode tag characters (U+E0000-E007F) encode ASCII invisibly: only an emoji tag sequence (a
 * subdivision flag, 🏴 + tags + CANCEL TAG, Unicode TS #51) keeps them.
 */
const TAGS = /(\u{1f3f4}[\u{e0020}-\u{e007e}]{1,32}\u{e007f})|[\u{e0000}-\u{e007f}]/gu;

/**
 * Variation selectors: one after a base selects its form (❤️, 葛󠄀); more carry hidden bytes
 * (one byte per selector), and with no base they select nothing.
 */
const SELECTORS = /[\ufe00-\ufe0f\u{e0100}-\u{e01ef}]+/gu;
const SELECTOR_BASE = /[^\s\p{M}\p{C}]/u;

/** Letters and marks (scripts joined by ZWJ/ZWNJ), emoji and the parts of an emoji sequence. */
const JOINABLE = /[\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}]/u;
/** Right-to-left scripts, which LRM, RLM and ALM exist for. */
const RTL = /[\p{sc=Arabic}\p{sc=Hebrew}\p{sc=Syriac}\p{sc=Thaana}\p{sc=Nko}\p{sc=Samaritan}\p{sc=Mandaic}\p{sc=Adlam}\p{sc=Hanifi_Rohingya}]/u;
const BIDI_MARKS = /[\u200e\u200f\u061c]/;
const JOINERS = /[\u200c\u200d\u200e\u200f\u061c]+/g;

/** The code point before `at` and the one at `end`, as strings ('' at the ends). */
const before = (text: string, at: number): string => {
  const low = text.charCodeAt(at - 1);
  return at >= 2 && low >= 0xdc00 && low <= 0xdfff ? text.slice(at - 2, at) : text.slice(Math.max(0, at - 1), at);
};
const after = (text: string, end: number): string => String.fromCodePoint(text.codePointAt(end) ?? 0x20);

/**
 * A run of joiners and bidi marks keeps one of each kind that has a job where it stands: ZWJ and
 * ZWNJ between letters or emoji (👩‍💻, Indic half forms, Persian می‌خواهم), LRM/RLM/ALM next to
 * right-to-left text; the rest, and every repeat, is dropped.
 */
function keepJoiners(run: string, at: number, text: string): string {
  const prev = before(text, at);
  const next = after(text, at + run.length);
  const joined = JOINABLE.test(prev) && JOINABLE.test(next);
  const rtl = RTL.test(prev) || RTL.test(next);
  let out = '';
  for (const char of new Set(run)) {
    if (BIDI_MARKS.test(char) ? rtl && !/[\u200e\u200f\u061c]/.test(out) : joined) out += char;
  }
  return out;
}

/** Marks (and joiners) at the start of a line have no base: alone they are zero-width graphemes. */
const ORPHAN_MARKS = /(^|\n)[\p{M}\u200c\u200d]+/gu;

/**
 * At most this many combining marks stay on one base character.
 * Why: a base with thousands of marks ("Zalgo" text) is one grapheme and one column to the
 * layout, but terminals paint the stack over the lines above and below, and they give spacing
 * marks (Mc) a column each, so a line the layout measured as fitting runs past the edge.
 * Unicode's Stream-Safe Text Format (UAX #15 §13) already bounds a run of marks at 30 for
 * processing; real writing needs far fewer on one letter (Vietnamese 2, Hebrew with points and
 * cantillation about 4, the tallest Tibetan stacks 7), so 8 keeps every script intact and cuts
 * a Zalgo tower to the height of an ordinary line.
 */
export const MAX_MARKS_PER_BASE = 8;

/**
 * A run of combining marks and the invisible format characters (ZWJ, ZWSP; variation
 * selectors are marks themselves) that may sit between them, so interleaving ZWSP does not
 * reset the count.
 */
const MARK_RUN = /[\p{M}\p{Cf}]+/gu;
const ALLOWED_MARKS = new RegExp(`^(?:\\p{Cf}*\\p{M}){${MAX_MARKS_PER_BASE}}`, 'u');
const MARKS = /\p{M}+/gu;

/** The run with every mark past the allowed number dropped (format characters stay). */
function capMarks(run: string): string {
  const allowed = ALLOWED_MARKS.exec(run)?.[0];
  return allowed === undefined ? run : allowed + run.slice(allowed.length).replace(MARKS, '');
}

/**
 * Emoji joined by ZWJ into one grapheme: layout measures the whole chain as one emoji (two
 * columns), but a terminal whose font lacks the sequence draws every emoji, so a chain of a
 * thousand runs far past the edge. No RGI emoji sequence (Unicode TS #51) joins more than
 * four emoji with three ZWJ; the ZWJs after that are dropped and the rest show as single emoji.
 */
// The Extend characters an emoji may carry before its ZWJ: skin tones, VS16, marks, tag characters.
const EMOJI_ZWJ_CHAIN = /(?:\p{Extended_Pictographic}[\p{Emoji_Modifier}\p{M}\u{e0020}-\u{e007f}]*\u200d){4,}/gu;
export const MAX_EMOJI_JOINS = 3;

function capJoins(chain: string): string {
  let joins = 0;
  return chain.replace(/\u200d/g, () => (++joins <= MAX_EMOJI_JOINS ? '\u200d' : ''));
}

/**
 * A skin-tone modifier directly after another one joins the same grapheme (UAX #29 GB9), which
 * layout measures as one emoji and a terminal draws as many. A zero-width space (a grapheme break
 * that takes no column) between them keeps every swatch and makes both agree.
 */
const EMOJI_MODIFIER_RUN = /\p{Emoji_Modifier}{2,}/gu;
const splitModifiers = (run: string): string => [...run].join('\u200b');

/**
 * Two more ways one grapheme (UAX #29) grows without bound while layout measures it by its
 * first character: consonants joined by a virama (GB9c: Devanagari, Bengali, Gujarati, Oriya,
 * Telugu, Malayalam), and runs of Hangul leading jamo (GB6), each of which a terminal draws in
 * a column (two, for jamo) of its own. Real conjuncts join at most five consonants (Sanskrit
 * र्त्स्न्य) and old Hangul stacks three leading jamo; past that a zero-width space ends the
 * grapheme, so what layout measures is again what the terminal draws.
 */
const VIRAMA = '\u094d\u09cd\u0acd\u0b4d\u0c4d\u0d4d';
// No zero-width space reaches this step after a virama (INVISIBLE removed them all; the only ones
// added since sit between skin tones), so a second pass finds the chain as the first did.
const CONJUNCT_CHAIN = new RegExp(`(?:\\p{L}\\p{M}*?[${VIRAMA}]\\u200d?){5,}`, 'gu');
const LINK = new RegExp(`[${VIRAMA}]\\u200d?`, 'gu');
export const MAX_CONJUNCT_LINKS = 4;
const capConjunct = (chain: string): string => {
  let links = 0;
  return chain.replace(LINK, (link) => (++links > MAX_CONJUNCT_LINKS ? `${link}\u200b` : link));
};
const LEADING_JAMO_RUN = /[\u1100-\u115f\ua960-\ua97c]{4,}/g;
const splitJamo = (run: string): string => run.split('').join('\u200b');

/**
 * Text safe to print: no escape sequences, no controls but newline and tab, no bidi
 * overrides or isolates, lone surrogates as U+FFFD, at most MAX_MARKS_PER_BASE marks per base,
 * no grapheme that layout would measure narrower than a terminal draws it (emoji chains, skin
 * tones, virama chains, jamo runs).
 *
 * Zero-width joiners stay between letters or emoji (but past the third in one emoji chain): inside
 * emoji sequences they are the emoji (👩‍💻), and Indic and Persian writing needs ZWJ/ZWNJ; none
 * moves the cursor. Other invisible characters go (see INVISIBLE, TAGS, SELECTORS, keepJoiners).
 *
 * Long lines and long words are not cut here: this function does not know the width and
 * must not change what was said. Message size is bounded by the relay-message parser, and
 * layout (src/core/text-layout.ts) breaks words wider than the line between graphemes.
 *
 * A value that is not a string (a number where a relay promised a name) is shown as text
 * rather than crashing the screen that displays it.
 */
export function sanitize(text: string): string {
  const input = text == null ? '' : String(text);
  return input
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(LINE_BREAK, '\n')
    .replace(CONTROL, '')
    .replace(BIDI_CONTROL, '')
    .replace(INVISIBLE, '')
    .replace(TAGS, (_, flag: string | undefined) => flag ?? '')
    .replace(SELECTORS, (run: string, at: number, text: string) => (SELECTOR_BASE.test(before(text, at)) ? String.fromCodePoint(run.codePointAt(0)!) : ''))
    .replace(JOINERS, keepJoiners)
    .replace(ORPHAN_MARKS, '$1')
    .replace(MARK_RUN, (run) => (run.length > MAX_MARKS_PER_BASE ? capMarks(run) : run))
    .replace(EMOJI_ZWJ_CHAIN, capJoins)
    .replace(EMOJI_MODIFIER_RUN, splitModifiers)
    .replace(CONJUNCT_CHAIN, capConjunct)
    .replace(LEADING_JAMO_RUN, splitJamo);
}

/** For one-line places (names, NIP-05, relay messages, URLs): newlines and tabs become one space. */
export function sanitizeLine(text: string): string {
  return sanitize(text).replace(/[\n\t]+/g, ' ');
}
