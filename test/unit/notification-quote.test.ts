// A quote in Notifications: the summary names the note quoted (yours), so its reference leaves the
// text, as the feeds do (README: "the reference itself leaves the text"); it showed `[note1…]`.
// A reference to another note stays.
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { neventEncode, noteEncode } from 'nostr-tools/nip19';
import { describe, expect, it } from 'vitest';
import { classify, groupNotifications } from '../../src/core/notifications.js';
import { shortNoteRef } from '../../src/core/mentions.js';
import { layoutGroup } from '../../src/ui/screens/notification-source.js';
import { signed } from '../helpers/fault-relay.js';

const me = generateSecretKey();
const ME = getPublicKey(me);
const bob = generateSecretKey();
const now = 1_700_000_000;

describe('a quote in Notifications', () => {
  it('shows what was said about your note, without its reference; another note keeps its', () => {
    const mine = signed(me, { created_at: now - 600, content: 'my note' });
    const other = signed(bob, { created_at: now - 900, content: 'older' });
    const quote = signed(bob, {
      created_at: now - 60,
      content: `so true nostr:${neventEncode({ id: mine.id, author: ME })}\nand nostr:${noteEncode(other.id)}`,
      tags: [['q', mine.id, '', ME], ['p', ME]],
    });
    const [group] = groupNotifications([classify(quote, ME)!]);
    const lines = layoutGroup(group!, { width: 80, now, nameOf: () => 'bob', noteOf: (id) => (id === mine.id ? mine : undefined), seenAt: 0 });
    expect(lines.map((line) => line.text).slice(1)).toEqual([`so true `.trimEnd(), `and [${shortNoteRef(other.id)}]`]);
  });
});
