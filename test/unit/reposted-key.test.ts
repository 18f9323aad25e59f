// repostedKey reads a repost a relay sent (src/core/deletion.ts): which note it names, by whom. Hostile
// or broken reposts name nothing rather than throw, and a content that names another note is not believed.
import { describe, expect, it } from 'vitest';
import { repostedKey } from '../../src/core/deletion.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const NOTE = hex(1);
const AUTHOR = hex(2);
const repost = (tags: string[][], content = '', kind = 6) => ({ kind, tags, content });

describe('repostedKey', () => {
  it('names the note by its e tag and the author by its p tag, else by the embedded note of the same id', () => {
    expect(repostedKey(repost([['e', NOTE], ['p', AUTHOR]]))).toBe(`${NOTE}:${AUTHOR}`);
    expect(repostedKey(repost([['e', NOTE]], JSON.stringify({ id: NOTE, pubkey: AUTHOR }), 16))).toBe(`${NOTE}:${AUTHOR}`);
  });

  it('names nothing for broken or hostile reposts, and never throws', () => {
    expect(repostedKey(repost([['e', NOTE]], '{"id":'))).toBeUndefined(); // cut-off JSON
    expect(repostedKey(repost([['e', NOTE]], 'null'))).toBeUndefined();
    expect(repostedKey(repost([['e', NOTE]], JSON.stringify({ id: hex(3), pubkey: AUTHOR })))).toBeUndefined(); // another note's author
    expect(repostedKey(repost([['e', NOTE], ['p', 'not hex\u001b[2J']], JSON.stringify({ id: NOTE, pubkey: '\u001b]0;x\u0007' })))).toBeUndefined();
    expect(repostedKey(repost([['e', `${NOTE}x`], ['p', AUTHOR]]))).toBeUndefined(); // not an id
    expect(repostedKey(repost([['p', AUTHOR]]))).toBeUndefined(); // no e tag
    expect(repostedKey(repost([['e', NOTE], ['p', AUTHOR]], '', 1))).toBeUndefined(); // not a repost
  });
});
