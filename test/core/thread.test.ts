import { finalizeEvent, generateSecretKey, type Event } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { replyTemplate } from '../../src/core/interactions.js';
import { buildThread, parentId, repliedTo, rootId } from '../../src/core/thread.js';

const key = generateSecretKey();
const note = (content: string, at: number, parent?: Event): Event =>
  finalizeEvent(parent ? replyTemplate(content, parent, at) : { kind: 1, created_at: at, tags: [], content }, key);

const root = note('root', 1);
const a = note('a', 2, root);
const b = note('b', 3, root);
const a1 = note('a1', 4, a);
const a1x = note('a1x', 5, a1);

const view = (rows: ReturnType<typeof buildThread>) => rows.map((r) => `${'  '.repeat(r.depth)}${r.event.content}${r.focus ? ' *' : ''}`);

describe('buildThread', () => {
  it('reads parents from NIP-10 tags', () => {
    expect(parentId(root)).toBeUndefined();
    expect(parentId(a)).toBe(root.id);
    expect(parentId(a1)).toBe(a.id);
    expect(rootId(a1)).toBe(root.id);
  });

  it('orders the thread depth-first, oldest first, whatever order events arrive in', () => {
    expect(view(buildThread(a1.id, [a1x, b, a1, root, a]))).toEqual(['root', '  a', '    a1 *', '      a1x', '  b']);
  });

  it('starts at the oldest ancestor it has and keeps replies whose parent is missing', () => {
    const rows = buildThread(a1x.id, [a1x, b, root]);
    expect(view(rows)).toEqual(['root', '  b', '  a1x *']);
    expect(rows[2]!.parentMissing).toBe(true);
  });

  it('is empty when the focus note is absent', () => {
    expect(buildThread('f'.repeat(64), [root])).toEqual([]);
  });
});

describe('repliedTo (NIP-10): whom a reply answers', () => {
  const [ka, kb, kc, kd] = [1, 2, 3, 4].map(() => generateSecretKey()) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const [A, B, C, D] = [ka, kb, kc, kd].map((k) => finalizeEvent({ kind: 0, created_at: 0, tags: [], content: '' }, k).pubkey) as [string, string, string, string];
  const by = (k: Uint8Array, tags: string[][], at = 10) => finalizeEvent({ kind: 1, created_at: at, tags, content: 'x' }, k);
  const top = by(ka, [], 1);
  const mid = by(kb, [['e', top.id, '', 'root'], ['p', A]], 2);
  const none = () => undefined;
  const knows = (...events: Event[]) => (id: string) => events.find((e) => e.id === id);

  it('is undefined for a note that replies to nothing', () => {
    expect(repliedTo(top)).toBeUndefined();
  });

  it('marked tags with the pubkey field: the reply marker’s pubkey', () => {
    const reply = by(kc, [['e', top.id, '', 'root', A], ['e', mid.id, '', 'reply', B], ['p', B], ['p', A]]);
    expect(repliedTo(reply, none)).toBe(B);
  });

  it('marked tags without the pubkey field: the parent itself when known, else the p tags without the root’s author', () => {
    // Copied the parent's p tags, then added the parent's author (a common client's order).
    const reply = by(kc, [['e', top.id, '', 'root'], ['e', mid.id, '', 'reply'], ['p', A], ['p', B]]);
    expect(repliedTo(reply, knows(mid))).toBe(B);
    expect(repliedTo(reply, knows(top))).toBe(B);
    expect(repliedTo(reply, none)).toBe(B);
    // The author first (as this client writes it) and the root's author known: still the parent's author.
    const authorFirst = by(kc, [['e', top.id, '', 'root'], ['e', mid.id, '', 'reply'], ['p', B], ['p', A]]);
    expect(repliedTo(authorFirst, knows(top))).toBe(B);
    expect(repliedTo(authorFirst, knows(mid))).toBe(B);
  });

  it('positional e tags only: the last one is the parent', () => {
    const reply = by(kc, [['e', top.id], ['e', mid.id], ['p', A], ['p', B]]);
    expect(repliedTo(reply, knows(mid))).toBe(B);
    expect(repliedTo(reply, none)).toBe(B);
    const single = by(kc, [['e', top.id], ['p', A]]);
    expect(repliedTo(single, none)).toBe(A);
  });

  it('a reply to a reply to a reply names the direct parent’s author, not the thread’s first', () => {
    const third = by(kc, [['e', top.id, '', 'root'], ['e', mid.id, '', 'reply'], ['p', A], ['p', B]], 3);
    const fourth = by(kd, [['e', top.id, '', 'root'], ['e', third.id, '', 'reply'], ['p', A], ['p', B], ['p', C]], 4);
    expect(repliedTo(fourth, knows(top, mid, third))).toBe(C);
    expect(repliedTo(fourth, knows(top))).toBe(C);
  });

  it('a root-only reply names the root’s author; the replier’s own key is set aside', () => {
    expect(repliedTo(mid, none)).toBe(A);
    expect(repliedTo(by(kb, [['e', top.id, '', 'root'], ['p', A], ['p', B]]), none)).toBe(A);
    expect(repliedTo(by(kb, [['e', top.id, '', 'root', A]]), none)).toBe(A);
    // Answering oneself: the only candidate is one's own key.
    expect(repliedTo(by(ka, [['e', top.id, '', 'root'], ['p', A]]), none)).toBe(A);
    expect(repliedTo(by(kc, [['e', top.id, '', 'root']]), none)).toBe('');
    expect(D).toHaveLength(64);
  });
});
