// The header at every width: the user's name gives way first, then the unread count and relays
// shorten and go; the view's name is cut last. At 30 columns it read `… Notifications 7  relays
// 2/2` in every view, the view's name gone.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { textWidth } from '../../src/core/text-layout.js';
import { App } from '../../src/ui/App.js';
import { headerText } from '../../src/ui/shell/Header.js';
import { fakeServices, MemoryFeed } from './fake-services.js';
import { keys, waitForFrame } from './frames.js';

const health = { connected: 2, configured: 2, others: 0 } as Parameters<typeof headerText>[2];

describe('the header', () => {
  it('at 80 columns: name, view, unread count and relays, as before', () => {
    expect(headerText('auditor', 'Home', health, 7, 80)).toBe(` auditor · Home${' '.repeat(37)}Notifications 7  relays 2/2 `);
  });

  it('narrower: the name shortens, then goes, then the right side shortens; the view stays whole', () => {
    expect(headerText('auditor-with-a-long-name', 'Home', health, 7, 50)).toBe(' auditor-with… · Home Notifications 7  relays 2/2 ');
    // The short right side leaves room for the name again.
    expect(headerText('auditor', 'Notifications', health, 7, 40)).toBe(' auditor · Notifications     7 new  2/2 ');
    for (const title of ['Home', 'Thread', 'Chat: alice', 'Messages', 'Notifications']) {
      const text = headerText('auditor', title, health, 7, 30);
      expect(textWidth(text)).toBe(30);
      expect(text).toContain(` ${title}`);
    }
    expect(headerText('auditor', 'Messages', health, 7, 30)).toBe(' audit… · Messages 7 new  2/2 ');
    expect(headerText('auditor', 'Notifications', health, 7, 30)).toBe(' Notifications     7 new  2/2 ');
  });

  it('narrowest: the view name alone, cut last', () => {
    expect(headerText('auditor', 'Notifications', health, 7, 20)).toBe(' Notifications      ');
    expect(headerText('auditor', 'Notifications', health, 7, 10)).toBe(' Notifica…');
    expect(headerText('auditor', 'Profile: Evelyn-the-extraordinarily-long-named-person', health, 0, 40)).toBe(' Profile: Evelyn-the-extraordinari… 2/2 ');
  });
});

describe('the header on screen, 30 columns wide', () => {
  it('names the view in every feed', async () => {
    const fake = fakeServices({ follows: ['a'.repeat(64)], feeds: { home: new MemoryFeed([]), notifications: new MemoryFeed([]), global: new MemoryFeed([]) } });
    const app = render(<App services={fake.services} size={{ columns: 30, rows: 12 }} color={false} />);
    try {
      const header = async (title: string) => (await waitForFrame(app.lastFrame, (f) => f.split('\n')[0]!.includes(title))).split('\n')[0];
      expect(await header('Home')).toBe(' you · Home        relays 0/1');
      app.stdin.write(keys.tab);
      expect(await header('Notifications')).toBe(' Notifications     relays 0/1');
    } finally {
      app.unmount();
    }
  });
});
