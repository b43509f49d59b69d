import type { EngineEvent } from '../events/engine-event.js';
import { assertNever } from '../util/assert-never.js';
import { approveCommand, describeEarlier, describeFinished } from './describe.js';
import { cleanLine, formatDuration, formatFailure, shortSha } from './format.js';
import { ListrTree, type TreeRow } from './listr-tree.js';
import { ownerOf } from '../best-of/candidates.js';
import { INTEGRATION_RESOLVER } from '../resolve/resolve-conflict.js';
import type { Reporter, ReporterOptions } from './reporter.js';
import { RunRecord, type EventOf } from './run-record.js';
import { createStyle, type Style } from './style.js';
import { formatSummary } from './summary.js';
import { budgetLine, type BudgetState } from '../budget/spend.js';
import { RowState, type RowOutcome } from './tty-row.js';

/** A chatty agent prints thousands of lines a second; a row shows at most ten of them a second. */
const OUTPUT_INTERVAL_MS = 100;
/** Elapsed times and rate-limit countdowns are whole seconds. */
const TICK_MS = 1000;

interface Row {
  state: RowState;
  tree: TreeRow;
  /** The newest line not shown yet, waiting for the throttle. */
  pendingLine: string | undefined;
  lastOutputAt: number;
  outputTimer: NodeJS.Timeout | undefined;
}

/**
 * The live task tree for a terminal: one row per task with its status, attempt, elapsed time, gates
 * and last line of output, the integration as a final row, then the summary once the tree is done.
 */
export class TtyReporter implements Reporter {
  private readonly record = new RunRecord();
  private readonly style: Style;
  private readonly rows = new Map<string, Row>();
  private tree: ListrTree | undefined;
  private integration: Row | undefined;
  /** The result branches made, in order (one a repository across repositories). */
  private readonly integrated: EventOf<'integration-finished'>[] = [];
  /** Spend against the run's budget, when it has one. */
  private budget: Row | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private summary: string | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly opts: ReporterOptions,
  ) {
    this.style = createStyle(opts.color);
  }

  onEvent(event: EngineEvent): void {
    if (this.closing !== undefined) return;
    this.record.observe(event);
    switch (event.type) {
      case 'run-started':
        this.start(event);
        break;
      case 'task-started':
        this.update(event.task, (s) => {
          s.since ??= event.time;
          s.attempt = event.attempt;
          s.activity = 'starting';
          s.waitingUntil = undefined;
          s.gates = [];
        });
        break;
      case 'task-phase': {
        if (event.parts !== undefined) this.nest(event.task, event.parts);
        // A judge's or a resolver's phases (`<task>/judge`) are its task's activity: they have no row.
        const { task, part } = this.shownOn(event.task);
        this.update(task, (s) => {
          // A dynamic matrix or a best_of task has no attempt of its own: it starts with its parts.
          if (event.parts !== undefined) s.since ??= event.time;
          s.activity = part === undefined ? event.phase : `${part}: ${event.phase}`;
          s.waitingUntil = undefined;
        });
        break;
      }
      case 'task-output':
        this.output(this.shownOn(event.task).task, event.line);
        break;
      case 'task-waiting':
        this.update(event.task, (s) => (s.waitingUntil = event.time + event.retryInMs));
        break;
      case 'approval-waiting':
        this.update(event.task, (s) => {
          s.since ??= event.time;
          s.activity = `waiting for approval: ${approveCommand(event)}`;
        });
        this.output(event.task, event.text);
        break;
      case 'budget-spend':
        this.showBudget(event.budget);
        break;
      case 'gate-finished':
        this.update(event.task, (s) =>
          s.gates.push({ name: event.gate, ok: event.ok, ...(event.flaky ? { flaky: true } : {}) }),
        );
        break;
      case 'task-retry':
        this.update(event.task, (s) => s.retrying(event.attempt, event.reason));
        this.retryOutput(event.task, event.reason);
        break;
      case 'task-finished': {
        const row = this.rows.get(event.task);
        if (row !== undefined) this.finish(row, this.taskOutcome(row, event));
        break;
      }
      case 'integration-started':
        this.update(null, (s) => {
          s.since = event.time;
          s.activity = `merging ${event.tasks.length} ${event.tasks.length === 1 ? 'task' : 'tasks'} into ${event.branch}`;
        });
        break;
      case 'integration-finished':
        // Across repositories each result branch finishes in turn: the row waits for the last.
        this.integrated.push(event);
        this.update(null, (s) => (s.activity = this.integratedText()));
        break;
      case 'run-finished':
        if (this.integration !== undefined && !this.integration.tree.finished && this.integrated.length)
          this.finish(this.integration, this.integrationOutcome(this.integration));
        this.summary = formatSummary(event, this.record, {
          style: this.style,
          cwd: this.opts.cwd,
          repoRoot: this.opts.repoRoot,
        });
        if (this.budget !== undefined && event.budget !== undefined) {
          const text = budgetLine(event.budget).replace(/^budget: /, '');
          this.finish(
            this.budget,
            event.budget.stopped
              ? {
                  kind: 'failed',
                  title: this.label(this.budget, this.style.red(text)),
                  message: 'the budget stopped the run',
                }
              : { kind: 'succeeded', title: this.label(this.budget, text) },
          );
        }
        this.finishRemaining();
        break;
      default:
        assertNever(event);
    }
  }

  hold(): () => void {
    const tree = this.tree;
    tree?.pause();
    return () => tree?.resume();
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    // On abort rows are still open: they must all finish, or listr2 would render (and spin) forever.
    this.finishRemaining();
    await this.tree?.done();
    if (this.summary !== undefined) this.out.write(`\n${this.summary}`);
  }

  private start(event: EventOf<'run-started'>): void {
    if (this.tree !== undefined) return;
    const tree = new ListrTree(this.out, this.opts.color);
    for (const task of event.tasks) this.rows.set(task, this.newRow(tree, task));
    this.integration = this.newRow(tree, 'integration');
    if (event.budget) {
      this.budget = this.newRow(tree, 'budget');
      this.showBudget(event.budget);
    }
    const notRun = [
      ...event.reused.map(({ task, fromRun }) => ({ task, text: `reused from run ${fromRun}` })),
      ...event.finishedEarlier.map(({ task, status }) => ({ task, text: describeEarlier(status) })),
    ];
    for (const { task, text } of notRun) {
      const row = this.rows.get(task);
      if (row !== undefined) this.finish(row, { kind: 'skipped', title: this.label(row, text) });
    }
    // Above the tree, which redraws itself below them.
    for (const warning of event.warnings) this.out.write(`${this.style.yellow(`warning: ${warning}`)}\n`);
    this.tree = tree;
    tree.start();
    // Not unref'd: listr2's spinner keeps the process alive until close() anyway, and a timer left
    // behind should show up (in getActiveResourcesInfo, in a hanging test) rather than hide.
    this.ticker = setInterval(() => this.tick(), TICK_MS);
  }

  private newRow(tree: ListrTree, label: string): Row {
    const state = new RowState(this.record.label(label));
    return this.row(state, tree.addRow(state.title(Date.now(), this.style)));
  }

  private row(state: RowState, tree: TreeRow): Row {
    return { state, tree, pendingLine: undefined, lastOutputAt: 0, outputTimer: undefined };
  }

  /** Rows under `task`'s for the tasks it runs as, known only now (a dynamic matrix's instances). */
  private nest(task: string, parts: string[]): void {
    const parent = this.rows.get(task);
    const fresh = parts.filter((p) => !this.rows.has(p));
    if (this.tree === undefined || parent === undefined || fresh.length === 0) return;
    const width = Math.max(...fresh.map((p) => p.length));
    const states = fresh.map((p) => new RowState(p.padEnd(width)));
    const now = Date.now();
    const trees = this.tree.addChildren(
      parent.tree,
      states.map((s) => s.title(now, this.style)),
    );
    trees.forEach((tree, i) => this.rows.set(fresh[i]!, this.row(states[i]!, tree)));
  }

  /** The row an event of `task` shows on: its own, or its owner's for a judge or a resolver. */
  private shownOn(task: string): { task: string | null; part?: string } {
    if (this.rows.has(task)) return { task };
    const owner = ownerOf(task);
    if (owner === undefined) return { task };
    const part = task.slice(owner.length + 1);
    return { task: owner === INTEGRATION_RESOLVER ? null : owner, part };
  }

  /** Changes a row's state and redraws its title; `null` is the integration row. */
  private update(task: string | null, change: (state: RowState) => void): void {
    const row = this.rowOf(task);
    if (row === undefined || row.tree.finished) return;
    change(row.state);
    if (row.state.started) row.tree.queued = false;
    row.tree.setTitle(row.state.title(Date.now(), this.style));
  }

  private rowOf(task: string | null): Row | undefined {
    return task === null ? this.integration : this.rows.get(task);
  }

  private output(task: string | null, line: string): void {
    const row = this.rowOf(task);
    if (row === undefined || row.tree.finished) return;
    const clean = cleanLine(line);
    if (clean.trim() === '') return;
    row.pendingLine = clean;
    this.flushOutput(row);
  }

  /** The previous attempt's last line would mislead: the row says why it is retrying until new output. */
  private retryOutput(task: string, reason: string): void {
    const row = this.rows.get(task);
    if (row === undefined || row.tree.finished) return;
    clearTimeout(row.outputTimer);
    row.outputTimer = undefined;
    row.pendingLine = undefined;
    row.tree.setOutput(`retrying: ${cleanLine(reason)}`);
  }

  /** Shows the pending line now if the row has not shown one in the last interval, else schedules it. */
  private flushOutput(row: Row): void {
    if (row.pendingLine === undefined || row.tree.finished) return;
    const wait = row.lastOutputAt + OUTPUT_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      row.tree.setOutput(row.pendingLine);
      row.pendingLine = undefined;
      row.lastOutputAt = Date.now();
    } else if (row.outputTimer === undefined) {
      row.outputTimer = setTimeout(() => {
        row.outputTimer = undefined;
        this.flushOutput(row);
      }, wait);
    }
  }

  private tick(): void {
    const now = Date.now();
    for (const row of [...this.rows.values(), this.integration]) {
      if (row !== undefined && row.state.started && !row.tree.finished)
        row.tree.setTitle(row.state.title(now, this.style));
    }
  }

  private finish(row: Row, outcome: RowOutcome): void {
    clearTimeout(row.outputTimer);
    row.outputTimer = undefined;
    row.tree.finish(outcome);
  }

  /** Rows the engine never finished: after run-finished that is an engine bug, before it an abort. */
  private finishRemaining(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
    for (const row of [...this.rows.values(), this.integration, this.budget]) {
      if (row === undefined || row.tree.finished) continue;
      const outcome: RowOutcome = row.state.started
        ? {
            kind: 'failed',
            title: this.label(row, this.style.red('stopped')),
            message: 'stopped before it finished',
          }
        : { kind: 'skipped', title: this.label(row, this.style.dim('not run')) };
      this.finish(row, outcome);
    }
  }

  private taskOutcome(row: Row, event: EventOf<'task-finished'>): RowOutcome {
    const { style } = this;
    const description = describeFinished(event, this.record);
    switch (event.status) {
      case 'succeeded':
        return { kind: 'succeeded', title: row.state.finalTitle(style.green(description), style) };
      case 'skipped':
      case 'blocked':
        return { kind: 'skipped', title: this.label(row, style.status(event.status, description)) };
      case 'failed':
      case 'cancelled':
      case 'interrupted':
      case 'pending':
      case 'running':
      case 'verifying':
      case 'waiting': {
        const attempts = event.attempts > 1 ? ` after ${event.attempts} attempts` : '';
        const title = row.state.finalTitle(
          `${style.status(event.status, `${event.status}${attempts}`)} ${style.dim(`· ${formatDuration(event.durationMs)}`)}`,
          style,
        );
        const last = this.record.lastOutput.get(event.task);
        const why = event.failure === undefined ? description : formatFailure(event.failure);
        return { kind: 'failed', title, message: last === undefined ? why : `${why}\nlast output: ${last}` };
      }
      default:
        return assertNever(event.status);
    }
  }

  private showBudget(state: BudgetState): void {
    const row = this.budget;
    if (row === undefined || row.tree.finished) return;
    row.state.activity = budgetLine(state).replace(/^budget: /, '');
    row.tree.setTitle(row.state.title(Date.now(), this.style));
  }

  /** Each result branch made so far, with the repository it is in when the run has several. */
  private integratedText(): string {
    return this.integrated
      .map((e) => {
        const where = this.integrated.length > 1 ? `${e.repo ?? 'self'}: ` : '';
        const at = e.commit === undefined ? '' : ` at ${shortSha(e.commit)}`;
        return `${where}${e.ok ? `${e.branch}${at}` : 'failed'}`;
      })
      .join(', ');
  }

  private integrationOutcome(row: Row): RowOutcome {
    const { style } = this;
    const failed = this.integrated.filter((e) => !e.ok);
    if (failed.length === 0)
      return { kind: 'succeeded', title: row.state.finalTitle(style.green(this.integratedText()), style) };
    const title = row.state.finalTitle(style.red(this.integratedText()), style);
    const message = failed
      .map((e) => {
        const text = e.failure?.message ?? 'integration failed';
        return this.integrated.length > 1 ? `${e.repo ?? 'self'}: ${text}` : text;
      })
      .join('; ');
    return { kind: 'failed', title, message };
  }

  private label(row: Row, text: string): string {
    return `${this.style.bold(row.state.label)}  ${text}`;
  }
}
