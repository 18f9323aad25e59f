import { finalizeEvent, generateSecretKey, type Event } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { replyTemplate } from '../../src/core/interactions.js';
import { buildThread, parentId, rootId } from '../../src/core/thread.js';

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
