/**
 * Words agents and provider APIs use when a request hit a usage or rate limit, or a busy server.
 * "at capacity" is Codex's text for an overloaded provider (HTTP 503 `server_is_overloaded`).
 */
const LIMIT_WORDS =
  /\b429\b|\b529\b|rate[ _-]?limit|too many requests|overloaded|at capacity|usage limit|hit your (?:[\w'’]+ ){0,4}limit|resource[_ ]exhausted|quota exceeded/i;

/** Limits that waiting does not lift (billing): reported as plain failures, so no endless waiting. */
const PERMANENT_WORDS =
  /insufficient_quota|billing|credit balance|payment required|spend limit|out of usage credits/i;

/** Whether an agent's error message says it hit a usage or rate limit (not a real failure of the task). */
export function isRateLimitMessage(text: string): boolean {
  return LIMIT_WORDS.test(text) && !PERMANENT_WORDS.test(text);
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const RELATIVE =
  /\b(?:try again|retry|resets?|reset|wait)\s+(?:in|after)\s+(\d+(?:\.\d+)?)\s*(milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)\b/i;

// "resets 3pm", "resets Nov 29, 3:30pm (UTC)", "try again at 7:22 AM", "try again at Nov 29th, 2026 7:22 AM"
const ABSOLUTE =
  /\b(?:resets?(?: at)?|try again at|again at|available at)\s+(?:(?<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?:(?<year>\d{4}),?\s+)?)?(?<hour>\d{1,2})(?::(?<minute>\d{2}))?\s*(?<ampm>[ap])\.?m\b/i;

/**
 * How long until the limit lifts, when the message says: "try again in 30 seconds" or a reset time.
 * Clock times are read in this machine's time zone, which is the one the agent CLI printed them in.
 */
export function retryAfterMs(text: string, now: Date = new Date()): number | undefined {
  const relative = RELATIVE.exec(text);
  if (relative) {
    const unit = (relative[2] ?? 's').toLowerCase();
    const key = unit.startsWith('ms') || unit.startsWith('milli') ? 'ms' : (unit[0] ?? 's');
    return Math.round(Number(relative[1]) * (UNIT_MS[key] ?? 1000));
  }
  const absolute = ABSOLUTE.exec(text)?.groups;
  if (!absolute) return undefined;
  let hour = Number(absolute.hour) % 12;
  if (absolute.ampm?.toLowerCase() === 'p') hour += 12;
  const minute = Number(absolute.minute ?? 0);
  let target: Date;
  if (absolute.month !== undefined) {
    const month = MONTHS.indexOf(absolute.month.toLowerCase());
    const year = absolute.year === undefined ? now.getFullYear() : Number(absolute.year);
    target = new Date(year, month, Number(absolute.day), hour, minute);
    // "Jan 2" seen on Dec 30 means next year's.
    if (absolute.year === undefined && target.getTime() < now.getTime() - 86_400_000) {
      target = new Date(year + 1, month, Number(absolute.day), hour, minute);
    }
  } else {
    target = new Date(now.getFullYear(), now.getMonth(), now.getDate(), hour, minute);
    // The current minute means now: CLIs print a reset due within seconds rounded down to the minute.
    if (target.getTime() <= now.getTime() && now.getTime() - target.getTime() < 60_000) return 0;
    // A bare clock time already past today means tomorrow.
    if (target.getTime() <= now.getTime()) {
      target = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, hour, minute);
    }
  }
  return Math.max(0, target.getTime() - now.getTime());
}

/** The `rateLimited` field of a report for an error message, or undefined when it is not a limit. */
export function rateLimitFrom(
  message: string | undefined,
  now?: Date,
): { retryAfterMs?: number } | undefined {
  if (message === undefined || !isRateLimitMessage(message)) return undefined;
  const wait = retryAfterMs(message, now);
  return wait === undefined ? {} : { retryAfterMs: wait };
}
