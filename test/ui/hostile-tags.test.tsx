// Issue #16 item 4: a tag value where a hex key or id belongs reached the terminal raw through
// "↳ reply to …" (shortKey fell back to an unsanitised slice). Identifiers are checked where they
// are parsed, and every network string the UI draws passes one sanitising component (SafeText).
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { shortKey, shortNoteRef } from '../../src/core/mentions.js';
import { layoutNote } from '../../src/ui/notes/note-layout.js';
import { SafeText } from '../../src/ui/SafeText.js';
import { hostileTagNotes, hostileTagValues } from '../helpers/hostile-events.js';
import { hostileStrings, unsafeCharacters } from '../helpers/hostile-strings.js';

const opts = { width: 60, maxLines: 8, now: 1_700_000_000, nameOf: (pk: string) => shortKey(pk) };

describe('hostile p and e tags on the "reply to" path', () => {
  it('a reply whose p tag is "\\rPWN\\r", an override or vertical tabs shows no control character', () => {
    for (const event of hostileTagNotes(opts.now - 60)) {
      const lines = layoutNote(event, opts);
      const text = lines.map((l) => l.text).join('\n');
      expect(unsafeCharacters(text), `${JSON.stringify(event.tags)} -> ${JSON.stringify(text)}`).toEqual([]);
      expect(text).not.toContain('PWN');
    }
  });

  it('a non-hex p tag is not taken for an author: the reply points at "a note"', () => {
    const [, pTagReply] = hostileTagNotes(opts.now - 60);
    expect(layoutNote(pTagReply!, opts)[0]!.text).toMatch(/↳ reply to a note$/);
  });

  it('shortKey and shortNoteRef never return what is not a key', () => {
    for (const value of hostileTagValues) {
      expect(unsafeCharacters(shortKey(value))).toEqual([]);
      expect(shortKey(value)).not.toContain(value.slice(0, 8));
      expect(shortNoteRef(value)).not.toContain(value.slice(0, 8));
    }
    expect(shortKey('A'.repeat(64))).toBe(shortKey('?'));
  });
});

describe('SafeText, the one text boundary', () => {
  it('draws every hostile string of the corpus without a control character', () => {
    for (const { name, text } of hostileStrings) {
      const app = render(<SafeText>{text}</SafeText>);
      expect(unsafeCharacters(app.lastFrame() ?? ''), name).toEqual([]);
      app.unmount();
    }
  });

  it('sanitises strings nested in styled spans, and keeps ordinary text and styles', () => {
    const app = render(
      <SafeText>
        {'a\u001b[2Jb '}
        <SafeText bold>{'c\u202ed'}</SafeText>
        {7}
      </SafeText>,
    );
    expect(app.lastFrame()).toContain('ab ');
    expect(unsafeCharacters(app.lastFrame()!.replace(/\u001b\[\d+m/g, ''))).toEqual([]);
    expect(app.lastFrame()!.replace(/\u001b\[\d+m/g, '')).toBe('ab cd7');
    app.unmount();
  });

  it('plain ink Text would have drawn them (the test can see an attack)', () => {
    const app = render(<Text>{'\rPWN\r'}</Text>);
    expect(unsafeCharacters(app.lastFrame() ?? '')).not.toEqual([]);
    app.unmount();
  });
});
