// `profile set` writes the fields it does not change back with their values as written (lossless-json).
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { mergeProfile, mergeProfileText, profileTemplate, type ProfileChanges } from '../../src/core/profile-edit.js';

const key = generateSecretKey();
const profile = (content: string) => finalizeEvent({ kind: 0, created_at: 100, tags: [], content }, key);

describe('profile set keeps unknown fields as written', () => {
  it("the audit's profile: a big number and 1.0 keep their spelling, the edited field changes in place", () => {
    const before = '{"name":"old","big":12345678901234567890123,"ratio":1.0,"x":{"deep":[1.50,"a\\"b"]},"about":"hi"}';
    expect(profileTemplate({ name: 'new', about: '' }, 200, profile(before)).content).toBe(
      '{"name":"new","big":12345678901234567890123,"ratio":1.0,"x":{"deep":[1.50,"a\\"b"]}}',
    );
  });

  it('reads pretty-printed JSON, escapes and duplicate keys (the last wins, as JSON.parse reads them)', () => {
    const text = '{\n  "b" : 1e400 ,\n  "2": true,\r\n\t"n\\u0061me": "x", "b": -0.0, "s": "} ,]\\\\", "e": {}, "a": [], "z": null\n}';
    expect(mergeProfileText(text, { website: 'https://w.example' })).toBe(
      '{"2":true,"b":-0.0,"name":"x","s":"} ,]\\\\","e":{},"a":[],"z":null,"website":"https://w.example"}',
    );
    expect(mergeProfileText(text, { name: 'y' })).toBe('{"2":true,"b":-0.0,"name":"y","s":"} ,]\\\\","e":{},"a":[],"z":null}');
  });

  it('means what the parsed merge means, for every shape (differential)', () => {
    const shapes = ['{}', ' { } ', '{"a":1}', '{"name":"n","lud16":"a@b.c","about":"x\\ny"}', '{"k":[{"a":[]},{}],"picture":"https://p"}'];
    const edits: ProfileChanges[] = [{}, { name: 'N' }, { about: '' }, { picture: 'https://q', name: '' }];
    for (const shape of shapes) {
      for (const edit of edits) {
        expect(JSON.parse(mergeProfileText(shape, edit)), `${shape} ${JSON.stringify(edit)}`).toEqual(mergeProfile(JSON.parse(shape), edit));
      }
    }
  });

  it('content that is not a JSON object keeps nothing (as before)', () => {
    for (const content of ['', 'not json', '[1]', '"s"', 'null']) expect(mergeProfileText(content, { name: 'n' })).toBe('{"name":"n"}');
    expect(mergeProfileText(undefined, {})).toBe('{}');
  });
});
