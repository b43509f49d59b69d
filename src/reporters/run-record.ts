import type { EngineEvent, EngineEventType } from '../events/engine-event.js';
import { cleanLine } from './format.js';

/** The member of the event union with the given `type`. */
export type EventOf<T extends EngineEventType> = Extract<EngineEvent, { type: T }>;

/**
 * What the human-readable reporters remember across events: `run-finished` carries the table, but
 * not where sandboxes were kept, where logs are, why integration failed or what a task printed last.
 */
export class RunRecord {
  started: EventOf<'run-started'> | undefined;
  integrationStarted: EventOf<'integration-started'> | undefined;
  integration: EventOf<'integration-finished'> | undefined;
  /** The log of the integration gate that failed, if one did. */
  integrationGateLog: string | undefined;
  /** task → the run its result was reused from. */
  readonly reused = new Map<string, string>();
  readonly keptSandboxes = new Map<string, string>();
  readonly logs = new Map<string, string>();
  /** task → the last non-blank line of output of its current attempt. */
  readonly lastOutput = new Map<string, string>();
  private width = 'integration'.length;

  /** Updates the record; call it for every event, before rendering the event. */
  observe(event: EngineEvent): void {
    switch (event.type) {
      case 'run-started':
        this.started = event;
        for (const { task, fromRun } of event.reused) this.reused.set(task, fromRun);
        this.width = Math.max(this.width, ...event.tasks.map((t) => t.length));
        break;
      case 'task-started':
        // A new attempt: the previous attempt's last line would now be misleading.
        this.lastOutput.delete(event.task);
        break;
      case 'task-output': {
        const line = cleanLine(event.line);
        if (line.trim() !== '') this.lastOutput.set(event.task, line);
        break;
      }
      case 'task-finished':
        if (event.keptSandbox !== undefined) this.keptSandboxes.set(event.task, event.keptSandbox);
        if (event.log !== undefined) this.logs.set(event.task, event.log);
        break;
      // The summary tells other repositories' result branches from run-finished.
      case 'integration-started':
        if (event.repo === undefined) this.integrationStarted = event;
        break;
      case 'integration-finished':
        if (event.repo === undefined) this.integration = event;
        break;
      case 'gate-finished':
        if (event.task === null && !event.ok) this.integrationGateLog = event.log;
        break;
      case 'task-phase':
      case 'task-waiting':
      case 'approval-waiting':
      case 'budget-spend':
      case 'task-retry':
      case 'run-finished':
        break;
    }
  }

  /** A task id padded so that the columns after it line up. */
  label(task: string): string {
    return task.padEnd(this.width);
  }
}
