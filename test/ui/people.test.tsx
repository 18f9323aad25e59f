// Issue 13 (people) in frames: the user shown by name or `you`, mutes hiding
// notes everywhere (and `m` asking first), NIP-05 shown only when verified,
// `e` editing one's own profile.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { textWidth } from '../../src/core/text-layout.js';
import { App } from '../../src/ui/App.js';
import { author, fakeServices, MemoryFeed, type FakeOptions } from './fake-services.js';
import { keys, waitForFrame } from './frames.js';

const now = 1_700_000_000;
const alice = author(1);
const bob = author(2);
const names = { [alice.pubkey]: { name: 'alice' }, [bob.pubkey]: { name: 'bob' } };

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function start(opts: FakeOptions = {}) {
  const fake = fakeServices({ now, follows: [alice.pubkey, bob.pubkey], profiles: names, ...opts });
  const app = render(<App services={fake.services} size={{ columns: 80, rows: 24 }} color={false} />);
  unmount = app.unmount;
  const frame = (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check);
  const me = fake.services.publicKey()!;
  return { ...fake, app, me, frame, press: (k: string) => app.stdin.write(k) };
}

describe('the user by name', () => {
  it('is `you` in the header and on their own notes until their profile has a name, then that name', async () => {
    const feed = new MemoryFeed([alice.note('hello', now - 120)]);
    const s = start({ feeds: { home: feed } });
    await s.frame((f) => f.includes('hello'));
    // A note the user signed arrives in the feed.
    feed.push((await s.services.publish({ kind: 1, created_at: now - 30, tags: [], content: 'written by me' })).event);
    const f = await s.frame((f) => f.includes('written by me'));
    expect(f.split('\n')[0]).toMatch(/^ you · Home +relays 0\/1$/);
    expect(f).toContain('you · 30s');
    expect(f).not.toMatch(/npub1\w{4}…\w{4}/);
    s.setProfile(s.me, { name: 'Zed' });
    const named = await s.frame((f) => f.includes('Zed · 30s'));
    expect(named.split('\n')[0]).toMatch(/^ Zed · Home +relays 0\/1$/);
  });
});

describe('mutes', () => {
  it('hides muted people, hashtags and words from the feed; m mutes the selected author after y', async () => {
    const feed = new MemoryFeed([
      alice.note('alice one', now - 60),
      bob.note('talking #Politics', now - 70),
      bob.note('free airdrop', now - 80),
      bob.note('bob plain', now - 90),
      alice.note('alice two', now - 100),
    ]);
    const s = start({ feeds: { home: feed }, mutes: [{ type: 'hashtag', value: 'politics' }, { type: 'word', value: 'airdrop' }] });
    const f = await s.frame((f) => f.includes('alice two'));
    expect(f).toContain('bob plain');
    expect(f).not.toContain('talking');
    expect(f).not.toContain('airdrop');
    // The first note is alice's: n cancels, y mutes.
    s.press('m');
    await s.frame((f) => f.includes('mute alice? y/n'));
    s.press('n');
    await s.frame((f) => f.includes('cancelled'));
    expect(s.mutes()).toHaveLength(2);
    s.press('m');
    await s.frame((f) => f.includes('mute alice? y/n'));
    s.press('y');
    const after = await s.frame((f) => !f.includes('alice one') && f.includes('mute alice: sent to 1/1 relays'));
    expect(after).not.toContain('alice two');
    expect(after).toContain('▌ bob plain');
    expect(s.mutes().at(-1)).toEqual({ type: 'pubkey', value: alice.pubkey });
    // A repost of a muted author's note is hidden too.
    feed.push(bob.note(JSON.stringify(alice.note('reposted alice', now - 500)), now - 5, [['e', 'f'.repeat(64)]], 6));
    await s.frame((f) => f.includes('bob plain'));
    expect(s.app.lastFrame()).not.toContain('reposted');
  });

  it('hides muted replies in a thread, but not the note opened', async () => {
    const root = alice.note('the root', now - 600);
    const reply = bob.note('a reply from bob', now - 300, [['e', root.id, '', 'root']]);
    const other = alice.note('alice replies', now - 200, [['e', root.id, '', 'root']]);
    const s = start({ feeds: { home: new MemoryFeed([root]) }, thread: [root, reply, other], mutes: [{ type: 'pubkey', value: bob.pubkey }] });
    await s.frame((f) => f.includes('the root'));
    s.press(keys.enter);
    const f = await s.frame((f) => f.includes('alice replies'));
    expect(f).not.toContain('a reply from bob');
  });
});

describe('profiles', () => {
  it('shows a NIP-05 address only when its domain maps it to that key, as ✓ name@domain (and _@domain as the domain)', async () => {
    const s = start({
      feeds: { home: new MemoryFeed([alice.note('hi from alice', now - 60), bob.note('hi from bob', now - 90)]) },
      profiles: { [alice.pubkey]: { name: 'alice', nip05: '_@alice.example' }, [bob.pubkey]: { name: 'bob', nip05: 'bob@bob.example' } },
      nip05: { '_@alice.example': alice.pubkey, 'bob@bob.example': alice.pubkey },
    });
    await s.frame((f) => f.includes('hi from bob'));
    s.press('p');
    const a = await s.frame((f) => f.includes('  alice  ✓ alice.example  · followed'));
    expect(a).not.toContain('_@');
    s.press('q');
    await s.frame((f) => f.includes(' · Home'));
    s.press('j');
    await s.frame((f) => f.includes('▌ hi from bob'));
    s.press('p');
    const b = await s.frame((f) => f.includes('Profile: bob'));
    expect(b).toContain('  bob  · followed');
    expect(b).not.toContain('bob.example');
  });

  /** The user's profile (name "old", about "kept as is"), its form opened with `e` from one of their notes. */
  async function ownProfileForm() {
    const s = start({ feeds: { home: new MemoryFeed([]) } });
    s.setProfile(s.me, { name: 'old', about: 'kept as is' });
    const mine = (await s.services.publish({ kind: 1, created_at: now - 30, tags: [], content: 'my note' })).event;
    s.feeds.home!.push(mine);
    await s.frame((f) => f.includes('my note'));
    s.press('p');
    await s.frame((f) => f.includes('Profile: old') && f.includes('  old  · you'));
    s.press('e');
    return { s, form: await s.frame((f) => f.includes('Edit your profile')) };
  }

  it('e on your own profile opens a form; only the fields changed are sent', async () => {
    const { s, form } = await ownProfileForm();
    expect(form).toContain('▌ Name          old▏');
    expect(form).toContain('  About         kept as is');
    // The footer names the form's keys, not the profile's (r, l, … would type letters here).
    expect(form.split('\n').at(-1)).toBe(' ↑/↓ field  Enter save  Esc cancel');
    s.press(keys.backspace.repeat(3));
    s.press('New Name');
    s.press(keys.down);
    s.press(keys.down);
    s.press(keys.down);
    s.press('https://me.example');
    await s.frame((f) => f.includes('▌ Website       https://me.example▏'));
    s.press(keys.enter);
    const saved = await s.frame((f) => f.includes('profile: sent to 1/1 relays') && !f.includes('Edit your profile'));
    expect(s.profileEdits).toEqual([{ name: 'New Name', website: 'https://me.example' }]);
    // The profile shows what was just published, not the name it had before.
    expect(saved).toContain('  New Name  · you');
    expect(saved.split('\n').at(-1)).toContain('Enter thread');
  });

  it('a long value in the profile form fits the line in columns and keeps the cursor in view (CJK is two columns a character)', async () => {
    const { s } = await ownProfileForm();
    s.press(keys.down);
    s.press(keys.down);
    s.press('漢'.repeat(60));
    const typed = await s.frame((f) => f.includes('漢▏'));
    const about = typed.split('\n').find((line) => line.startsWith('▌ About'))!;
    expect(about).toMatch(/^▌ About +…漢+▏$/);
    expect(textWidth(about)).toBeLessThanOrEqual(80);
    s.press('\u0001'); // Ctrl-A: the start of the line
    const home = await s.frame((f) => /▌ About +▏kept as is/.test(f));
    const atStart = home.split('\n').find((line) => line.startsWith('▌ About'))!;
    expect(atStart).toMatch(/^▌ About +▏kept as is漢+…$/);
    expect(textWidth(atStart)).toBeLessThanOrEqual(80);
  });

  it('e on someone else’s profile does nothing', async () => {
    const s = start({ feeds: { home: new MemoryFeed([alice.note('hi from alice', now - 60)]) } });
    await s.frame((f) => f.includes('hi from alice'));
    s.press('p');
    await s.frame((f) => f.includes('Profile: alice'));
    s.press('e');
    s.press('j');
    const f = await s.frame((f) => f.includes('Profile: alice'));
    expect(f).not.toContain('Edit your profile');
    expect(s.profileEdits).toEqual([]);
  });
});
