import type { EngineEvent } from '../events/engine-event.js';
import type { Reporter } from './reporter.js';

/**
 * `--json`: one line per event, each exactly the event object and nothing else on the stream. This
 * is a public contract (scripts and the e2e tests parse it), so nothing is added, renamed or dropped.
 */
export class JsonReporter implements Reporter {
  constructor(private readonly out: NodeJS.WritableStream) {}

  onEvent(event: EngineEvent): void {
    this.out.write(`${JSON.stringify(event)}\n`);
  }

  close(): Promise<void> {
    // Each line was handed to the stream whole; the stream's owner decides when it is ended.
    return Promise.resolve();
  }
}
