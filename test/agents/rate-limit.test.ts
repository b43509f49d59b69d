import { describe, expect, it } from 'vitest';
import { isRateLimitMessage, retryAfterMs } from '../../src/agents/index.js';

// Local time, as the agent CLIs print it: Thursday 26 November 2026, 06:20.
const now = new Date(2026, 10, 26, 6, 20, 0);
const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('isRateLimitMessage', () => {
  it.each([
    'API Error: Request rejected (429) · Number of request tokens has exceeded your per-minute rate limit',
    'API Error: 529 Overloaded. This is a server-side issue, usually temporary',
    'exceeded retry limit, last status: 429 Too Many Requests',
    'You’ve hit your usage limit. Upgrade to Pro or try again at 7:22 AM.',
    "You've hit your session limit · resets 3pm (UTC)",
    'Claude AI usage limit reached|1764133200',
    '{"code":429,"status":"RESOURCE_EXHAUSTED"}',
    'Quota exceeded for quota metric generate_content requests per minute',
    'Selected model is at capacity. Please try a different model.',
  ])('recognises %j', (message) => {
    expect(isRateLimitMessage(message)).toBe(true);
  });

  it.each([
    'You exceeded your current quota, please check your plan and billing details. (insufficient_quota)',
    'Credit balance is too low',
    "You've hit your monthly spend limit.",
    'Reached max turns (10)',
    'Invalid API key · Please run /login',
    'ENOENT: no such file or directory',
  ])('does not take %j for a limit that waiting lifts', (message) => {
    expect(isRateLimitMessage(message)).toBe(false);
  });
});

describe('retryAfterMs', () => {
  it('reads relative delays', () => {
    expect(retryAfterMs('Please retry in 37 seconds.', now)).toBe(37_000);
    expect(retryAfterMs('retry after 1.5s', now)).toBe(1500);
    expect(retryAfterMs('Try again in 5 minutes', now)).toBe(5 * MINUTE);
    expect(retryAfterMs('resets in 2 hours', now)).toBe(2 * HOUR);
    expect(retryAfterMs('retry in 250ms', now)).toBe(250);
  });

  it('reads a clock time later today, or tomorrow once it has passed', () => {
    expect(retryAfterMs('try again at 7:22 AM.', now)).toBe(HOUR + 2 * MINUTE);
    expect(retryAfterMs('resets 3pm (UTC)', now)).toBe(8 * HOUR + 40 * MINUTE);
    expect(retryAfterMs('resets 6am', now)).toBe(24 * HOUR - 20 * MINUTE);
    expect(retryAfterMs('resets 12:30am', now)).toBe(18 * HOUR + 10 * MINUTE);
  });

  it('reads a clock time of the current minute as now (a reset due within seconds, rounded down)', () => {
    const later = new Date(2026, 10, 26, 6, 20, 45);
    expect(retryAfterMs('try again at 6:20 AM.', later)).toBe(0);
    expect(retryAfterMs('try again at 6:19 AM.', later)).toBe(24 * HOUR - MINUTE - 45_000);
  });

  it('reads a date and time (codex and claude formats)', () => {
    expect(retryAfterMs('try again at Nov 29th, 2026 7:24 AM.', now)).toBe(3 * 24 * HOUR + HOUR + 4 * MINUTE);
    expect(retryAfterMs('resets Nov 28, 3pm (Europe/Paris)', now)).toBe(
      2 * 24 * HOUR + 8 * HOUR + 40 * MINUTE,
    );
    expect(retryAfterMs('resets Jan 2, 2027, 9am', now)).toBe(
      new Date(2027, 0, 2, 9, 0).getTime() - now.getTime(),
    );
  });

  it('takes a date without a year that is already behind us for next year', () => {
    const newYearsEve = new Date(2026, 11, 31, 23, 0);
    expect(retryAfterMs('resets Jan 1, 1am', newYearsEve)).toBe(2 * HOUR);
  });

  it('says nothing when the message gives no time', () => {
    expect(retryAfterMs('Try again later or check your quotas.', now)).toBeUndefined();
    expect(retryAfterMs('429 Too Many Requests', now)).toBeUndefined();
  });
});
