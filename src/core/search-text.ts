// Text for the local full-text index (src/store/search.ts) and the queries that
// read it. Both go through the same normalisation, so what a note says and
// what the user types meet as the same tokens.
//
// Tokenizer choice (issue #15): one FTS5 table with SQLite's `unicode61`
// tokenizer (diacritics folded, symbols `So` kept as token characters), fed
// text where every CJK/Hangul/Thai character and every emoji is cut out into a
// token of its own. A query is then a phrase of those tokens, so
// - words in space-separated scripts match as words (`nostr` finds "Nostr!",
//   not "nostrich"; `nost*` asks for a prefix),
// - "日本" finds "今日は日本で" (the phrase 日 本 inside the run of characters),
//   and a single character (猫) or a single emoji (🎉) works too,
// - 👍🏽 finds 👍 (skin-tone modifiers and variation selectors are dropped).
// The `trigram` tokenizer was the alternative: it finds any substring but
// needs three characters per query (one- and two-character CJK words and
// single emoji are the common case) and makes an index about three times the
// size of the text, which counts against the cache's size cap.

/** Scripts written without spaces between words: each character is its own token. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\u3005\u30FC]/u;
/** Emoji (and flag halves): each one a token. */
const PICTOGRAPH = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}]/u;
/** Skin tones, variation selectors, the zero-width joiner, keycap: dropped, so 👍🏽 and 👍 meet. */
const EMOJI_PARTS = /[\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u200D\u20E3]/gu;
const SPLIT = new RegExp(`(${UNSPACED.source}|${PICTOGRAPH.source})`, 'gu');
/** A term that the tokenizer would keep something of. */
const TOKEN_CHAR = /[\p{L}\p{N}\p{So}\p{Co}]/u;

/** The text as the index stores it: NFKC (full-width letters become plain), emoji and CJK spaced apart. */
export function indexText(text: string): string {
  return text.normalize('NFKC').replace(EMOJI_PARTS, '').replace(SPLIT, ' $1 ');
}

export interface MatchOptions {
  /** The last term matches as a prefix (typing a name: `jac` finds jack). */
  prefixLast?: boolean;
  /** Only this column of the index. */
  column?: 'name' | 'body';
}

/**
 * A user's query as an FTS5 MATCH expression: every term must be present
 * (AND), each term a quoted phrase, so no character typed can be read as FTS5
 * syntax. A term ending in `*` matches as a prefix. Undefined when nothing
 * searchable is left (only punctuation).
 */
export function matchExpression(query: string, opts: MatchOptions = {}): string | undefined {
  const terms = query.normalize('NFKC').split(/\s+/u).filter((term) => TOKEN_CHAR.test(term));
  if (terms.length === 0) return undefined;
  const phrases = terms.map((term, i) => {
    const prefix = term.endsWith('*') || (opts.prefixLast === true && i === terms.length - 1);
    const phrase = `"${indexText(term.replace(/\*+$/u, '')).trim().replace(/"/g, '""')}"`;
    return prefix && !PICTOGRAPH.test(term) ? `${phrase}*` : phrase;
  });
  const expression = phrases.join(' AND ');
  return opts.column ? `${opts.column} : (${expression})` : expression;
}

/** Profile fields searched by name (NIP-01 kind 0 content; display_name and the older displayName). */
export function profileNames(content: string): { name: string; about: string } {
  let fields: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(content);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { name: '', about: '' };
    fields = parsed as Record<string, unknown>;
  } catch {
    return { name: '', about: '' };
  }
  const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string).slice(0, 1000) : '');
  return {
    name: [text('name'), text('display_name'), text('displayName'), text('nip05')].filter(Boolean).join(' '),
    about: text('about'),
  };
}
