import { describe, expect, it } from 'vitest';
import { LineSplitter, MAX_LINE_CHARS } from '../../src/process/line-splitter.js';

function split(chunks: (string | Buffer)[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  for (const chunk of chunks) splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('joins lines split across chunks and emits the unterminated last line at the end', () => {
    expect(split(['ab', 'c\nde', 'f\n\ng'])).toEqual(['abc', 'def', '', 'g']);
  });

  it('does not emit an empty line after a final newline', () => {
    expect(split(['a\n'])).toEqual(['a']);
  });

  it('decodes a multi-byte character split across chunks', () => {
    const euro = Buffer.from('€');
    expect(split([Buffer.concat([Buffer.from('x'), euro.subarray(0, 1)]), euro.subarray(1), '\n'])).toEqual([
      'x€',
    ]);
  });

  it('truncates a huge line spread over many chunks and marks the cut', () => {
    const chunks = Array.from({ length: 100 }, () => 'y'.repeat(10_000));
    expect(split([...chunks, 'tail\nnext\n'])).toEqual([`${'y'.repeat(MAX_LINE_CHARS)}…`, 'next']);
  });

  it('shows what a terminal would show for CRLF and carriage-return redraws', () => {
    expect(split(['dos\r\n', '10%\r50%\r100%\n'])).toEqual(['dos', '100%']);
  });
});

describe('LineSplitter, latest line only', () => {
  it('hands on only the newest complete line of each chunk, joining across chunks', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l), true);
    s.push(Buffer.from('one\ntwo\nthr'));
    s.push(Buffer.from('ee\nfour'));
    s.push(Buffer.from('\nfive\nsix\n'));
    s.end();
    expect(lines).toEqual(['two', 'three', 'six']);
  });

  it('skips a character split before the skipped lines whole, and decodes one split after them', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l), true);
    const euro = Buffer.from('€');
    s.push(Buffer.concat([Buffer.from('x'), euro.subarray(0, 1)]));
    s.push(Buffer.concat([euro.subarray(1), Buffer.from('\nskipped\nkept\ny'), euro.subarray(0, 2)]));
    s.push(Buffer.concat([euro.subarray(2), Buffer.from('\n')]));
    s.end();
    expect(lines).toEqual(['kept', 'y€']);
  });
});
