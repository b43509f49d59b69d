import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TailBuffer } from '../../src/process/tail-buffer.js';

describe('TailBuffer', () => {
  it('keeps everything while under capacity', () => {
    const tail = new TailBuffer(8);
    tail.push(Buffer.from('abc'));
    tail.push(Buffer.from('de'));
    expect(tail.text()).toBe('abcde');
    expect(tail.totalBytes).toBe(5);
  });

  it('keeps the last bytes once it wraps, oldest first', () => {
    const tail = new TailBuffer(8);
    tail.push(Buffer.from('abcdef'));
    tail.push(Buffer.from('ghij'));
    expect(tail.text()).toBe('cdefghij');
    tail.push(Buffer.from('0123456789'));
    expect(tail.text()).toBe('23456789');
  });

  it('drops a multi-byte character cut in half at the start instead of showing garbage', () => {
    const tail = new TailBuffer(5);
    tail.push(Buffer.from('a€bcd')); // € is 3 bytes: the last 5 bytes start inside it
    expect(tail.text()).toBe('bcd');
  });

  it('always equals the last `capacity` bytes of everything pushed (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.uint8Array({ maxLength: 100 })),
        (cap, chunks) => {
          const tail = new TailBuffer(cap);
          for (const chunk of chunks) tail.push(chunk);
          const all = Buffer.concat(chunks);
          expect(tail.bytes()).toEqual(all.subarray(Math.max(0, all.length - cap)));
        },
      ),
    );
  });
});
