import { describe, expect, it } from 'vitest';
import {
  cleanLine,
  displayPath,
  formatDuration,
  formatElapsed,
  formatSeconds,
} from '../../src/reporters/format.js';

describe('format', () => {
  it('writes durations short enough for a column', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(3400)).toBe('3.4s');
    expect(formatDuration(62_000)).toBe('1m 02s');
    expect(formatDuration(3_900_000)).toBe('1h 05m');
    expect(formatElapsed(12_999)).toBe('12s');
    expect(formatSeconds(29_001)).toBe('30s');
    expect(formatSeconds(-5)).toBe('0s');
  });

  it('reduces a line of agent output to what a terminal would show on one row', () => {
    expect(cleanLine('\u001b[32mPASS\u001b[39m test/a.test.ts')).toBe('PASS test/a.test.ts');
    expect(cleanLine('downloading 10%\rdownloading 100%\r')).toBe('downloading 100%');
    expect(cleanLine('\u001b]8;;https://x.dev\u0007link\u001b]8;;\u0007 and\ttab\u0007')).toBe(
      'link and  tab',
    );
    expect(cleanLine('x'.repeat(300))).toHaveLength(200);
  });

  it('shows paths relative to the cwd only below it', () => {
    expect(displayPath('/repo/.orchestra/runs/r1', '/repo')).toBe('.orchestra/runs/r1');
    expect(displayPath('/tmp/sandboxes/r1/a', '/repo')).toBe('/tmp/sandboxes/r1/a');
  });
});
