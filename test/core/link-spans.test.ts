import { describe, expect, it } from 'vitest';
import { findLinks } from '../../src/core/links.js';
import { wrapText } from '../../src/core/text-layout.js';
import { linkSpans } from '../../src/ui/notes/link-spans.js';

const spansOf = (text: string, width: number, maxLines = Infinity) => {
  const lines = wrapText(text, width, maxLines);
  return linkSpans(text, lines, findLinks(text)).map((spans, i) => spans.map((s) => [lines[i]!.slice(s.start, s.end), s.url]));
};

describe('linkSpans', () => {
  it('places each link on the line that shows it', () => {
    // `see https://a.example/x` is wider than 20: the URL goes to the next line whole.
    expect(spansOf('see https://a.example/x and then https://b.example/y.', 20)).toEqual([
      [],
      [['https://a.example/x', 'https://a.example/x']],
      [],
      [['https://b.example/y', 'https://b.example/y']],
    ]);
  });

  it('links every piece of a URL longer than a line to the whole URL', () => {
    const url = 'https://example.com/' + 'p'.repeat(30);
    expect(spansOf(`go ${url}`, 20)).toEqual([
      [['https://example.c', url]],
      [['om/ppppppppppppppppp', url]],
      [['ppppppppppppp', url]],
    ]);
  });

  it('keeps offsets right after wide characters and on the line cut with …', () => {
    expect(spansOf('日本語 https://jp.example/a', 40)).toEqual([[['https://jp.example/a', 'https://jp.example/a']]]);
    const cut = spansOf('one\ntwo https://c.example/zzz\nthree\nfour', 30, 2);
    expect(cut[1]).toEqual([['https://c.example/zzz', 'https://c.example/zzz']]);
  });

  it('gives no spans to text without links', () => {
    expect(spansOf('plain words only', 8)).toEqual([[], [], []]);
  });
});
