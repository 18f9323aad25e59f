// The one-shot commands' "… ago": clock skew ahead reads as now, the real future as the future.
import { describe, expect, it } from 'vitest';
import { ago } from '../../src/core/ago.js';
import { FUTURE_SKEW_SEC } from '../../src/core/timeline.js';

const NOW_MS = 1_700_000_000_500;
const now = Math.floor(NOW_MS / 1000);

describe('ago', () => {
  it('says how long ago a past time was', () => {
    expect(ago(now - 300, NOW_MS)).toBe('5 minutes ago');
    expect(ago(now - 2 * 86_400, NOW_MS)).toBe('2 days ago');
  });

  it('reads a time within the accepted clock skew ahead as now, never "in 0 seconds"', () => {
    // nostr-tools dates a NIP-17 message with Math.ceil: the next second, while our clock is still in this one.
    expect(ago(now + 1, NOW_MS)).toBe('0 seconds ago');
    expect(ago(now + FUTURE_SKEW_SEC - 1, NOW_MS)).toBe('0 seconds ago');
  });

  it('says "in" for a time further ahead than any clock skew', () => {
    expect(ago(now + FUTURE_SKEW_SEC + 60, NOW_MS)).toBe('in 16 minutes');
    expect(ago(now + 3 * 365 * 86_400, NOW_MS)).toBe('in 3 years');
  });
});
