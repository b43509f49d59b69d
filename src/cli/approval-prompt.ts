import { createInterface, type Interface } from 'node:readline';
import { writeDecision } from '../approvals/decision.js';
import { userName } from '../control/user-name.js';
import type { EngineEvent } from '../events/engine-event.js';

/**
 * Asks in the terminal about each approval the run waits for, one at a time: y/n, then an optional
 * note, written as the decision `orchestra approve|reject` would write. A decision given elsewhere
 * first closes the question. The engine only waits for the decision; asking is the CLI's part.
 */
export class ApprovalPrompt {
  #runDir: string | undefined;
  #repoRoot: string | undefined;
  readonly #queue: { task: string; text: string }[] = [];
  #asking: { task: string; rl: Interface } | undefined;

  /** @param hold stops the live view from redrawing over the question; returns how to let it go on */
  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
    private readonly hold: () => () => void = () => () => undefined,
  ) {}

  onEvent(event: EngineEvent): void {
    if (event.type === 'run-started') this.#runDir = event.runDir;
    if (event.type === 'approval-waiting') {
      this.#queue.push({ task: event.task, text: event.text });
      this.#next();
    }
    if (event.type === 'task-finished') {
      const i = this.#queue.findIndex((q) => q.task === event.task);
      if (i >= 0) this.#queue.splice(i, 1);
      if (this.#asking?.task === event.task) this.#asking.rl.close();
    }
    if (event.type === 'run-finished') this.#asking?.rl.close();
  }

  /** For the record's "by": the repository the run works on. */
  set repoRoot(dir: string) {
    this.#repoRoot = dir;
  }

  #next(): void {
    if (this.#asking !== undefined || this.#runDir === undefined) return;
    const item = this.#queue.shift();
    if (item === undefined) return;
    const runDir = this.#runDir;
    const release = this.hold();
    const rl = createInterface({ input: this.input, output: this.output, terminal: false });
    this.#asking = { task: item.task, rl };
    const answers: string[] = [];
    let decided = false;
    const ask = () =>
      this.output.write(
        answers.length === 0
          ? `\napproval "${item.task}": ${item.text}\napprove? [y/n] `
          : 'note (optional, Enter for none): ',
      );
    rl.on('line', (line) => {
      const answer = line.trim();
      if (answers.length === 0 && !/^(y|yes|n|no)$/i.test(answer)) return void ask();
      answers.push(answer);
      if (answers.length < 2) return void ask();
      decided = true;
      rl.close();
      const [yes, note] = answers as [string, string];
      void userName(this.#repoRoot ?? process.cwd()).then((by) =>
        writeDecision(runDir, item.task, {
          decision: /^y/i.test(yes) ? 'approved' : 'rejected',
          by,
          at: Date.now(),
          ...(note ? { note } : {}),
        }),
      );
    });
    rl.on('close', () => {
      if (!decided) this.output.write('\n');
      release();
      this.#asking = undefined;
      this.#next();
    });
    ask();
  }
}
