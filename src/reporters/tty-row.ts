import { cleanLine, formatElapsed, formatSeconds } from './format.js';
import type { Style } from './style.js';

/** How a row of the task tree ended: listr2 shows each as its own state (✔, ↓, ✖). */
export type RowOutcome =
  | { kind: 'succeeded'; title: string }
  | { kind: 'skipped'; title: string }
  | { kind: 'failed'; title: string; message: string };

/** How much of a retry's reason a row title shows (the plain log and the summary show all of it). */
const RETRY_REASON_MAX = 80;

/**
 * The live state of one row (a task, or the integration): what the title shows while it runs.
 * Pure data and formatting, so the title logic is testable without a terminal.
 */
export class RowState {
  /** `pending`, a phase (`agent`, `verify`…) or `merging …` for the integration. */
  activity = 'pending';
  attempt = 0;
  /** When the row first started, for the elapsed time. */
  since: number | undefined;
  /** When a rate-limit pause ends, while the row is paused. */
  waitingUntil: number | undefined;
  /** Why the previous attempt failed, while a retry runs. */
  retryReason: string | undefined;
  /** Gates of the current attempt, in the order they finished. */
  gates: { name: string; ok: boolean; flaky?: boolean }[] = [];

  constructor(readonly label: string) {}

  /** A retry starts: its reason, shortened to fit a row, stays in the title while it runs. */
  retrying(attempt: number, reason: string): void {
    this.attempt = attempt;
    this.activity = 'retrying';
    this.retryReason = cleanLine(reason, RETRY_REASON_MAX);
    this.gates = [];
  }

  get started(): boolean {
    return this.since !== undefined;
  }

  /** The row's title at time `now`: label, activity, attempt, elapsed time, gates so far. */
  title(now: number, style: Style): string {
    if (!this.started) return `${style.bold(this.label)}  ${style.dim(this.activity)}`;
    const parts: string[] = [];
    if (this.waitingUntil !== undefined) {
      parts.push(style.yellow(`waiting (rate limited) ${formatSeconds(this.waitingUntil - now)}`));
    } else {
      parts.push(style.cyan(this.activity));
    }
    if (this.attempt > 1)
      parts.push(
        this.retryReason === undefined
          ? `attempt ${this.attempt}`
          : `attempt ${this.attempt} ${style.yellow(`(retry: ${this.retryReason})`)}`,
      );
    if (this.since !== undefined) parts.push(formatElapsed(now - this.since));
    const gates = this.gatesText(style);
    if (gates !== '') parts.push(gates);
    return `${style.bold(this.label)}  ${parts.join(style.dim(' · '))}`;
  }

  /** `lint ✔ test ✖ e2e ⚠ flaky`, or the empty string before any gate finished. */
  gatesText(style: Style): string {
    const mark = (g: { ok: boolean; flaky?: boolean }) =>
      g.flaky ? style.yellow('⚠ flaky') : g.ok ? style.green('✔') : style.red('✖');
    return this.gates.map((g) => `${g.name} ${mark(g)}`).join(' ');
  }

  /** The final title: label and a one-line description, with the gates that ran. */
  finalTitle(description: string, style: Style): string {
    const gates = this.gatesText(style);
    return `${style.bold(this.label)}  ${description}${gates === '' ? '' : style.dim(' · ') + gates}`;
  }
}
