import { describe, expect, it } from 'vitest';
import { sampleLines } from '../../src/engine/line-sampler.js';

describe('sampleLines', () => {
  it('sends the first line at once, holds a burst back, and sends its last line later', async () => {
    const sent: string[] = [];
    const onLine = sampleLines((l) => sent.push(l), 50);
    for (let i = 0; i < 10_000; i++) onLine(`line ${i}`);
    expect(sent).toEqual(['line 0']);
    await new Promise((r) => setTimeout(r, 120));
    expect(sent).toEqual(['line 0', 'line 9999']);
  });
});
