// NIP-36 in Notifications: a reply or mention its author marked `content-warning` shows the
// warning where its text would be, on screen (its thread, Enter, shows the text).
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { classify, groupNotifications } from '../../src/core/notifications.js';
import { layoutGroup } from '../../src/ui/screens/notification-source.js';
import { signed } from '../helpers/fault-relay.js';

const me = generateSecretKey();
const ME = getPublicKey(me);
const bob = generateSecretKey();
const now = 1_700_000_000;

describe('a marked reply in Notifications', () => {
  it('shows the warning, not the text', () => {
    const mine = signed(me, { created_at: now - 600, content: 'my note' });
    const reply = signed(bob, { created_at: now - 60, content: 'the ending: they all die', tags: [['e', mine.id, '', 'root'], ['p', ME], ['content-warning', 'spoilers']] });
    const [group] = groupNotifications([classify(reply, ME)!]);
    const lines = layoutGroup(group!, { width: 80, now, nameOf: () => 'bob', noteOf: (id) => (id === mine.id ? mine : undefined), seenAt: 0 });
    expect(lines.map((line) => line.text)).toEqual([expect.stringContaining('bob'), '⚠ content warning: spoilers · Enter shows it']);
  });

  it('a like (no text) is laid out as before, whatever its tags', () => {
    const mine = signed(me, { created_at: now - 600, content: 'my note' });
    const like = signed(bob, { kind: 7, created_at: now - 60, content: '+', tags: [['e', mine.id], ['p', ME], ['content-warning']] });
    const [group] = groupNotifications([classify(like, ME)!]);
    const lines = layoutGroup(group!, { width: 80, now, nameOf: () => 'bob', noteOf: (id) => (id === mine.id ? mine : undefined), seenAt: 0 });
    expect(lines).toHaveLength(1);
  });
});
