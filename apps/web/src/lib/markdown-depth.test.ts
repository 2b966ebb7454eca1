import { describe, expect, it } from 'vitest';
import { boundQuoteDepth, MAX_QUOTE_DEPTH, renderMarkdown } from './markdown';

const markers = (line: string) => line.match(/>/g)?.length ?? 0;

describe('lesson Markdown that nests too deep', () => {
  it('renders a 1,900-deep quote, bounded, with its text (marked alone overflows its stack on it)', () => {
    const html = renderMarkdown(`${'>'.repeat(1900)} still readable`);
    const root = document.createElement('div');
    root.innerHTML = html;
    expect(root.textContent?.trim()).toBe('still readable');
    expect(root.querySelectorAll('blockquote').length).toBeLessThanOrEqual(MAX_QUOTE_DEPTH);
  });

  it('bounds quote markers however they are spaced, on every line', () => {
    const source = [`${'> '.repeat(1900)}spaced`, `${'>'.repeat(40)}tight`, '  >  > two'].join('\n');
    const lines = boundQuoteDepth(source).split('\n');
    expect(lines.map(markers)).toEqual([MAX_QUOTE_DEPTH, MAX_QUOTE_DEPTH, 2]);
    expect(lines[0].endsWith('spaced')).toBe(true);
    expect(lines[2]).toBe('  >  > two');
  });

  it('leaves ordinary Markdown untouched', () => {
    const source = '# Title\n\n> a\n>> b\n\nText with a > sign and `> code`.';
    expect(boundQuoteDepth(source)).toBe(source);
  });
});
