// The members of a JSON object as they were written: each key with the exact text of its value.
// An edit that rewrites a few fields writes the others back byte for byte: JSON.parse then
// JSON.stringify would round a number past 2^53 (`12345678901234567890123` -> `1.2345678901234568e+22`),
// respell `1.0` as `1`, and move keys that look like integers to the front. Pure.

export interface JsonMember {
  /** The key, parsed. */
  key: string;
  /** `"key":value` with the key and value as written (whitespace around them left out). */
  text: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

const skipSpace = (text: string, at: number): number => {
  while (WHITESPACE.has(text[at]!)) at++;
  return at;
};

/** The index just past the string starting at `at` (a `"`). */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

/** The index just past the value starting at `at`. */
function valueEnd(text: string, at: number): number {
  const first = text[at];
  if (first === '"') return stringEnd(text, at);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = at; i < text.length; i++) {
      const c = text[i];
      if (c === '"') i = stringEnd(text, i) - 1;
      else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
    }
    return text.length;
  }
  // A number, true, false or null: up to the next separator.
  let i = at;
  while (i < text.length && text[i] !== ',' && text[i] !== '}' && !WHITESPACE.has(text[i]!)) i++;
  return i;
}

/** The members of `text` in their order when it is a JSON object; undefined when it is not. */
export function jsonMembers(text: string): JsonMember[] | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  // Valid JSON from here on: the scan need not check its grammar.
  const members: JsonMember[] = [];
  let at = skipSpace(text, skipSpace(text, 0) + 1);
  while (text[at] === '"') {
    const keyEnd = stringEnd(text, at);
    const key = JSON.parse(text.slice(at, keyEnd)) as string;
    const valueAt = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const end = valueEnd(text, valueAt);
    members.push({ key, text: `${text.slice(at, keyEnd)}:${text.slice(valueAt, end)}` });
    at = skipSpace(text, end);
    if (text[at] === ',') at = skipSpace(text, at + 1);
  }
  return members;
}
