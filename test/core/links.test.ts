import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { domainOf, findLinks, hyperlink, MAX_LINKS_PER_NOTE, MAX_URL_LENGTH, safeUrl, uniqueLinks } from '../../src/core/links.js';
import { sanitize } from '../../src/core/sanitize.js';
import { textWidth, wrapText } from '../../src/core/text-layout.js';

describe('safeUrl', () => {
  it('accepts http and https and returns the parsed href', () => {
    expect(safeUrl('https://example.com/a?b=1#c')).toBe('https://example.com/a?b=1#c');
    expect(safeUrl('HTTP://Example.COM')).toBe('http://example.com/');
    // Non-ASCII is percent-encoded and the host punycoded: the href is printable ASCII.
    expect(safeUrl('https://bücher.example/straße')).toBe('https://xn--bcher-kva.example/stra%C3%9Fe');
  });

  it('refuses other schemes, credentials, controls, whitespace and overlong URLs', () => {
    for (const bad of [
      'javascript:alert(1)', 'file:///etc/passwd', 'ftp://example.com', 'data:text/html,x', 'nostr:npub1xyz', 'https:example.com',
      'https://user:pw@example.com', 'https://bank.example@evil.example/', 'https://', 'https:// example.com',
      'https://ex\nample.com', 'https://ex\tample.com', 'https://example.com/\u0007', 'https://example.com/\u001b]0;x',
      'https://example.com/\u009c', 'https://example.com/\u202e', 'https://example.com/\u200b', ' https://example.com',
      `https://example.com/${'a'.repeat(MAX_URL_LENGTH)}`, '',
    ]) {
      expect(safeUrl(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('never lets a byte that ends an escape sequence into the href', () => {
    const href = safeUrl('https://example.com/%07%1b\\x')!;
    expect(href).toMatch(/^[!-~]+$/);
    expect(href).not.toMatch(/[\u0007\u001b\u009c]/);
  });

  it('names the host to show before opening (punycode for look-alikes)', () => {
    expect(domainOf('https://example.com:8443/x')).toBe('example.com:8443');
    expect(domainOf(safeUrl('https://аpple.com/')!)).toBe('xn--pple-43d.com');
    expect(domainOf('not a url')).toBe('');
  });
});

describe('findLinks', () => {
  it('finds URLs, leaving out sentence punctuation and unbalanced brackets', () => {
    const text = 'see https://a.example/x. and (https://b.example/y) or https://c.example/wiki/F_(b), "https://d.example/"!';
    expect(findLinks(text).map((l) => text.slice(l.start, l.end))).toEqual([
      'https://a.example/x',
      'https://b.example/y',
      'https://c.example/wiki/F_(b)',
      'https://d.example/',
    ]);
    expect(findLinks(text).map((l) => l.url)).toEqual(['https://a.example/x', 'https://b.example/y', 'https://c.example/wiki/F_(b)', 'https://d.example/']);
  });

  it('finds a URL glued to a word or after CJK text, and none in plain text', () => {
    expect(findLinks('日本語https://jp.example/ページ')[0]).toMatchObject({ start: 3, url: 'https://jp.example/%E3%83%9A%E3%83%BC%E3%82%B8' });
    expect(findLinks('no links here, not even example.com')).toEqual([]);
    expect(findLinks('javascript://x https://user@h.example')).toEqual([]);
  });

  it('caps the links of one note and lists each URL once for `o`', () => {
    const many = Array.from({ length: 50 }, (_, i) => `https://x${i}.example`).join(' ');
    expect(findLinks(many)).toHaveLength(MAX_LINKS_PER_NOTE);
    expect(uniqueLinks('https://a.example https://b.example https://a.example')).toEqual(['https://a.example/', 'https://b.example/']);
  });

  it('sees no link in an escape sequence a note tried to smuggle (sanitised first)', () => {
    const hostile = '\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 https://ok.example';
    const clean = sanitize(hostile);
    expect(clean).toBe('click https://ok.example');
    expect(findLinks(clean).map((l) => l.url)).toEqual(['https://ok.example/']);
  });
});

describe('hyperlink', () => {
  it('wraps text in the client\'s OSC 8 (BEL form), only for a safe URL', () => {
    expect(hyperlink('https://example.com/', 'example.com')).toBe('\u001b]8;;https://example.com/\u0007example.com\u001b]8;;\u0007');
    expect(hyperlink('https://example.com/\u0007', 'x')).toBe('x');
    expect(hyperlink('javascript:x', 'x')).toBe('x');
    // Zero columns to Ink's measure (string-width), which is what lays the frame out: the terminal shows only the text.
    expect(stringWidth(hyperlink('https://example.com/', '日本'))).toBe(4);
  });
});

describe('wrapping keeps URLs whole', () => {
  const url = 'https://example.com/a/long/path?q=1';
  it('moves a URL that fits a line to the next line instead of splitting it', () => {
    for (const text of [`look at this ${url} ok`, `look:${url}`, `日本語のテキスト ${url}`, `👍👍👍👍 ${url}`]) {
      const lines = wrapText(text, 40);
      expect(lines.some((line) => line.includes(url)), JSON.stringify(lines)).toBe(true);
      for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(40);
    }
    expect(wrapText(`look:${url}`, 38)).toEqual(['look:', url]);
  });

  it('breaks a URL only when it is longer than a line', () => {
    const lines = wrapText(url, 20);
    expect(lines.join('')).toBe(url);
    expect(lines.length).toBe(2);
  });
});
