import { describe, expect, it } from 'vitest';
import { contentWarning, warningText } from '../../src/core/content-warning.js';

describe('contentWarning (NIP-36)', () => {
  it('is the reason, empty without one, undefined without the tag', () => {
    expect(contentWarning({ tags: [['t', 'film'], ['content-warning', 'spoilers']] })).toBe('spoilers');
    expect(contentWarning({ tags: [['content-warning']] })).toBe('');
    expect(contentWarning({ tags: [['content-warning', '']] })).toBe('');
    expect(contentWarning({ tags: [['L', 'content-warning'], ['l', 'reason', 'content-warning']] })).toBeUndefined();
    expect(contentWarning({ tags: [] })).toBeUndefined();
  });

  it('keeps a reason to one short, printable line', () => {
    // The escape sequence goes, the line break becomes a space, the bell goes.
    expect(contentWarning({ tags: [['content-warning', 'a\u001b[2Jb\nc\u0007']] })).toBe('ab c');
    const reason = contentWarning({ tags: [['content-warning', 'x'.repeat(500)]] })!;
    expect(reason.length).toBeLessThanOrEqual(80);
    expect(reason).not.toMatch(/[\u0000-\u001f\u007f]/);
  });

  it('reads as a warning, with its reason when there is one', () => {
    expect(warningText('spoilers')).toBe('⚠ content warning: spoilers');
    expect(warningText('')).toBe('⚠ content warning');
  });
});
