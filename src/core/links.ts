// Web links in note text (issue #13): which http(s) URLs a note holds, and which of them
// the client may hand to a terminal (OSC 8) or to the system opener. Pure: no I/O.
//
// Text from the network is sanitised (core/sanitize.ts) BEFORE links are looked for; the
// URL the client then writes into its own escape sequence, or passes as an argument, is a
// WHATWG-parsed `href`: http or https only, printable ASCII only (the parser
// percent-encodes the rest and punycodes the host), no user name or password, bounded length.

/** Longer URLs are shown as text, never linked or opened (browsers cope with 2,000; links in notes are far shorter). */
export const MAX_URL_LENGTH = 2_000;
/** At most this many links per note are linked and offered by `o` (a note of a thousand URLs costs no more). */
export const MAX_LINKS_PER_NOTE = 20;

/**
 * Anything but whitespace and controls (C0, DEL, C1): the WHATWG parser would quietly drop tabs
 * and newlines inside a URL and trim controls at its ends, so `https://ex\nample.com` would
 * open `https://example.com`. Such text is refused instead of repaired.
 */
const UNSAFE = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/u;

/**
 * The URL to link or open, or undefined when it must not be: not http(s), not parseable,
 * holding whitespace or a control, a user name or password (`https://bank.com@evil.example`
 * reads as one host and goes to another), no host, or longer than MAX_URL_LENGTH.
 */
export function safeUrl(raw: string): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH || UNSAFE.test(raw)) return undefined;
  if (!/^https?:\/\//i.test(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || url.username || url.password) return undefined;
  const href = url.href;
  // The parser's output is printable ASCII; checked again because it goes inside an escape sequence.
  if (href.length > MAX_URL_LENGTH || !/^[!-~]+$/.test(href)) return undefined;
  return href;
}

/** The host a URL goes to, as the opener will see it (punycode, so look-alike letters show as `xn--…`). */
export function domainOf(href: string): string {
  try {
    return new URL(href).host;
  } catch {
    return '';
  }
}

export interface LinkMatch {
  /** UTF-16 offsets of the link in the text searched. */
  start: number;
  end: number;
  /** The safe href (safeUrl) the link goes to. */
  url: string;
}

/** A URL candidate: `http://` or `https://`, then anything up to whitespace or a character URLs do not hold. */
const CANDIDATE = /https?:\/\/[^\s<>"`{}|\\^\u0000-\u001f\u007f-\u009f]+/giu;
/** Punctuation that ends a sentence rather than a URL (`see https://x.org/a.`). */
const TRAILING = /[.,;:!?'"*_~\u2026]+$/u;

/** Drops closing brackets the URL did not open: `(https://x.org/a_(b))` keeps one `)`. */
function balance(url: string): string {
  let out = url;
  for (;;) {
    const last = out[out.length - 1];
    const open = last === ')' ? '(' : last === ']' ? '[' : undefined;
    if (!open) return out;
    const opened = out.split(open).length - 1;
    const closed = out.split(last!).length - 1;
    if (closed <= opened) return out;
    out = out.slice(0, -1).replace(TRAILING, '');
  }
}

/**
 * The web links in (already sanitised) text, in order, at most MAX_LINKS_PER_NOTE: sentence
 * punctuation and unbalanced brackets after a URL are not part of it, and a candidate that
 * safeUrl refuses is left as plain text.
 */
export function findLinks(text: string): LinkMatch[] {
  if (!text.includes('://')) return [];
  const found: LinkMatch[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    if (found.length >= MAX_LINKS_PER_NOTE) break;
    const raw = balance(match[0].replace(TRAILING, ''));
    const url = safeUrl(raw);
    if (url) found.push({ start: match.index, end: match.index + raw.length, url });
  }
  return found;
}

/** The distinct URLs of a text, first appearance first: what `o` offers. */
export function uniqueLinks(text: string): string[] {
  return [...new Set(findLinks(text).map((link) => link.url))];
}

/**
 * The client's own OSC 8 hyperlink around `text` (https://gist.github.com/egmontkob/eb114294efbcd5adb1944c9f3cb5feda).
 * Terminated by BEL, not ST (ESC \): Ink 6 lays out each frame on a grid through
 * @alcalzone/ansi-tokenize, which treats only the BEL form as a zero-width code; an ST-terminated
 * sequence would be counted as some twenty characters of text. `url` must come from safeUrl.
 */
export function hyperlink(url: string, text: string): string {
  if (safeUrl(url) !== url) return text;
  return `\u001b]8;;${url}\u0007${text}\u001b]8;;\u0007`;
}
