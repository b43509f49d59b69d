import type { EngineEvent } from '../events/engine-event.js';
import {
  approveCommand,
  describeEarlier,
  describeFinished,
  describeGate,
  describeOutputs,
  describeTaskCount,
} from './describe.js';
import { displayPath, formatClock, formatSeconds, shortSha } from './format.js';
import type { Reporter, ReporterOptions } from './reporter.js';
import { RunRecord } from './run-record.js';
import { createStyle, type Style } from './style.js';
import { formatSummary } from './summary.js';
import { budgetLine } from '../budget/spend.js';

/**
 * Timestamped lines for CI logs and pipes: one line per thing that happened to a task, never agent
 * output (that is in the task's log file; only the last line is shown when a task fails), then the
 * summary. Lines are written whole, so a log stays readable when cut at any point.
 */
export class PlainReporter implements Reporter {
  private readonly record = new RunRecord();
  private readonly style: Style;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly opts: ReporterOptions,
  ) {
    this.style = createStyle(opts.color);
  }

  onEvent(event: EngineEvent): void {
    this.record.observe(event);
    const { style } = this;
    switch (event.type) {
      case 'run-started':
        this.line(
          event.time,
          `run ${event.runId} started: ${describeTaskCount(event)}, concurrency ${event.concurrency}, ` +
            `base ${shortSha(event.baseCommit)} (${displayPath(event.runDir, this.opts.cwd)})`,
        );
        for (const warning of event.warnings) this.line(event.time, style.yellow(`warning: ${warning}`));
        if (event.budget) this.line(event.time, `${budgetLine(event.budget)} so far`);
        for (const { task, status } of event.finishedEarlier)
          this.task(event.time, task, style.dim(describeEarlier(status)));
        break;
      case 'task-started':
        this.task(
          event.time,
          event.task,
          `started (attempt ${event.attempt}) in ${displayPath(event.sandbox, this.opts.cwd)}`,
        );
        break;
      case 'task-phase':
        // Only the phases that take long: a CI log should show where the time went, not every step.
        if (['setup', 'agent', 'command', 'matrix'].includes(event.phase)) {
          this.task(
            event.time,
            event.task,
            event.detail === undefined ? event.phase : `${event.phase}: ${event.detail}`,
          );
        }
        break;
      case 'task-output':
        break;
      case 'task-waiting':
        this.task(
          event.time,
          event.task,
          style.yellow(`waiting ${formatSeconds(event.retryInMs)} (rate limited)`),
        );
        break;
      case 'approval-waiting':
        this.task(event.time, event.task, style.yellow(`waiting for approval: ${event.text}`));
        this.task(event.time, event.task, style.dim(`decide with: ${approveCommand(event)} (or reject)`));
        break;
      case 'budget-spend':
        this.line(event.time, budgetLine(event.budget));
        break;
      case 'gate-finished': {
        const text = describeGate(event);
        this.task(event.time, event.task ?? 'integration', event.ok ? text : style.red(text));
        break;
      }
      case 'task-retry':
        this.task(
          event.time,
          event.task,
          style.yellow(`retrying (attempt ${event.attempt}): ${event.reason}`),
        );
        break;
      case 'task-finished': {
        this.task(event.time, event.task, style.status(event.status, describeFinished(event, this.record)));
        const last = this.record.lastOutput.get(event.task);
        if (event.status === 'failed' && last !== undefined) {
          this.task(event.time, event.task, style.dim(`last output: ${last}`));
        }
        const outputs = event.outputs && describeOutputs(event.outputs);
        if (outputs) this.task(event.time, event.task, style.dim(outputs));
        break;
      }
      case 'integration-started':
        this.task(
          event.time,
          integrationLabel(event),
          `merging ${event.tasks.join(', ')} into ${event.branch}`,
        );
        break;
      case 'integration-finished': {
        const at = event.commit === undefined ? '' : ` at ${shortSha(event.commit)}`;
        const text = event.ok
          ? style.green(`succeeded: ${event.branch}${at}`)
          : style.red(`failed: ${event.failure?.message ?? 'no reason given'}`);
        this.task(event.time, integrationLabel(event), text);
        break;
      }
      case 'run-finished':
        this.out.write(
          `\n${formatSummary(event, this.record, { style, cwd: this.opts.cwd, repoRoot: this.opts.repoRoot })}`,
        );
        break;
    }
  }

  close(): Promise<void> {
    // Every line was written whole as it happened: there is nothing buffered to flush.
    return Promise.resolve();
  }

  private task(time: number, task: string, text: string): void {
    this.line(time, `${this.style.bold(this.record.label(task))}  ${text}`);
  }

  private line(time: number, text: string): void {
    this.out.write(`${this.style.dim(formatClock(time))} ${text}\n`);
  }
}

/** `integration`, or `integration:<repo>` for another repository's result branch. */
function integrationLabel(event: { repo?: string }): string {
  return event.repo === undefined ? 'integration' : `integration:${event.repo}`;
}
