// The line under an unsent chat draft printed on quit (src/ui/run.tsx): whom it was for, by the
// npubs `nostr-tui dm send` takes, names from the network cleaned of control sequences.
import { npubEncode } from 'nostr-tools/nip19';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { shortKey } from '../../src/core/mentions.js';
import { privateMessageTo } from '../../src/ui/screens/ChatScreen.js';

const alice = getPublicKey(generateSecretKey());
const bob = getPublicKey(generateSecretKey());

describe('privateMessageTo', () => {
  it('names each person with their npub; one without a name is their npub alone', () => {
    const names = new Map([[alice, 'alice']]);
    const nameOf = (pubkey: string) => names.get(pubkey) ?? shortKey(pubkey);
    expect(privateMessageTo([alice], nameOf)).toBe(`(a private message to alice (${npubEncode(alice)}))`);
    expect(privateMessageTo([bob], nameOf)).toBe(`(a private message to ${npubEncode(bob)})`);
    expect(privateMessageTo([alice, bob], nameOf)).toBe(`(a private message to alice (${npubEncode(alice)}), ${npubEncode(bob)})`);
  });

  it('prints no control or escape sequence from a name, and never a line break', () => {
    const hostile = '\u001b]0;owned\u0007\u001b[2Jmal\rlory\nnsec1fake\u009b31m';
    const line = privateMessageTo([alice], () => hostile);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(line).toContain(`(${npubEncode(alice)}))`);
    expect(line.split('\n')).toHaveLength(1);
  });
});
