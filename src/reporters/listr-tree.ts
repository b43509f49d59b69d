import {
  DefaultRenderer,
  Listr,
  ListrDefaultRendererLogLevels,
  ListrLogger,
  ProcessOutput,
  color as listrColor,
  figures,
  type ListrDefaultRendererTask,
  type ListrTask,
} from 'listr2';
import type { RowOutcome } from './tty-row.js';

/** The part of listr2's task wrapper a row drives. */
interface Wrapper {
  title: string;
  output: string;
  skip(message?: string): void;
  task: object;
  newListr(tasks: RowTask[], options: { concurrent: boolean; exitOnError: boolean }): unknown;
}

/** A row as a listr2 task. */
interface RowTask {
  title?: string;
  task: (ctx: object, wrapper: Wrapper) => unknown;
  exitOnError?: boolean;
  rendererOptions?: { outputBar: number; persistentOutput: boolean };
}

function rowTask(row: TreeRow, extra: { exitOnError?: boolean } = {}): RowTask {
  return {
    title: row.title,
    task: (_ctx, wrapper) => row.run(wrapper),
    rendererOptions: { outputBar: 1, persistentOutput: false },
    ...extra,
  };
}

/**
 * One row of the tree. listr2 starts every row at once (`concurrent: true`) and each row's function
 * only awaits `finish()`: listr2 renders, the event stream decides. Calls made before listr2 has
 * started the row are remembered and applied when it does.
 */
export class TreeRow {
  private wrapper: Wrapper | undefined;
  private current: string;
  private output: string | undefined;
  private settle: ((outcome: RowOutcome) => void) | undefined;
  private readonly outcome: Promise<RowOutcome>;
  /** Rows drawn under this one, known only while it runs (a dynamic matrix's instances). */
  private children: TreeRow[] = [];
  private adopt: (() => void) | undefined;
  private readonly adopted = new Promise<void>((resolve) => (this.adopt = resolve));
  /** Set when the row finished: later calls are ignored. */
  finished = false;
  /** Not yet started by the engine: drawn as waiting, not with a spinner. */
  queued = true;

  constructor(title: string) {
    this.current = title;
    this.outcome = new Promise((resolve) => (this.settle = resolve));
  }

  /** The title listr2 shows (or will show once it starts the row). */
  get title(): string {
    return this.current;
  }

  setTitle(title: string): void {
    if (this.finished || title === this.current) return;
    this.current = title;
    if (this.wrapper !== undefined) this.wrapper.title = title;
  }

  setOutput(line: string): void {
    if (this.finished) return;
    this.output = line;
    if (this.wrapper !== undefined) this.wrapper.output = line;
  }

  finish(outcome: RowOutcome): void {
    if (this.finished) return;
    this.finished = true;
    this.queued = false;
    this.settle?.(outcome);
  }

  /** Draws `rows` under this one; a row takes children once, before it finishes. */
  nest(rows: TreeRow[]): boolean {
    if (this.finished || this.children.length > 0) return false;
    this.children = rows;
    this.adopt?.();
    return true;
  }

  /** Whether `task` is listr2's task object for this row. */
  owns(task: object): boolean {
    return this.wrapper?.task === task;
  }

  /** @internal The listr2 task function. */
  async run(wrapper: Wrapper): Promise<unknown> {
    this.wrapper = wrapper;
    wrapper.title = this.current;
    if (this.output !== undefined) wrapper.output = this.output;
    const outcome = await Promise.race([this.outcome, this.adopted]);
    if (outcome === undefined) return this.runChildren(wrapper);
    return this.show(wrapper, outcome);
  }

  /**
   * listr2 draws subtasks only for a task function that returns them, so this row ends as a list of
   * its children plus a row without a title (never drawn) that waits for this row's own outcome. It
   * alone may end the list with an error: listr2's only way to mark this row failed.
   */
  private runChildren(wrapper: Wrapper): unknown {
    return wrapper.newListr(
      [
        ...this.children.map((child) => rowTask(child, { exitOnError: false })),
        { task: async () => this.show(wrapper, await this.outcome) },
      ],
      { concurrent: true, exitOnError: true },
    );
  }

  private show(wrapper: Wrapper, outcome: RowOutcome): void {
    switch (outcome.kind) {
      case 'succeeded':
        wrapper.title = outcome.title;
        return;
      case 'skipped':
        wrapper.skip(outcome.title);
        return;
      case 'failed':
        wrapper.title = outcome.title;
        // listr2's only way to mark a row failed is a rejected task function; the message is shown
        // under the row (`showErrorMessage`), and `exitOnError: false` keeps the other rows going.
        throw new Error(outcome.message);
    }
  }
}

/**
 * The task tree drawn by listr2's default renderer on the reporter's stream. This is the only file
 * that imports listr2.
 */
export class ListrTree {
  private readonly rows: TreeRow[] = [];
  private running: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;
  /** While set, the tree is not drawn: someone else has the terminal (a question to answer). */
  private readonly hold = { paused: false, clear: () => undefined as void };

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly color: boolean,
  ) {}

  /** Adds a row; all rows are added before `start()`. */
  addRow(title: string): TreeRow {
    const row = new TreeRow(title);
    this.rows.push(row);
    return row;
  }

  /** Adds rows under `parent` while the tree is drawn; none if it already has children or finished. */
  addChildren(parent: TreeRow, titles: string[]): TreeRow[] {
    const children = titles.map((title) => new TreeRow(title));
    if (!parent.nest(children)) return [];
    this.rows.push(...children);
    return children;
  }

  /** Starts rendering. It ends by itself once every row has finished. */
  start(): void {
    const rows = this.rows;
    const renderer = treeRenderer(
      (task) => rows.some((row) => row.queued && row.owns(task)),
      this.color ? listrColor.dim(figures.squareSmallFilled) : figures.squareSmallFilled,
      this.hold,
    );
    const tasks = rows.map((row) => rowTask(row)) as ListrTask<object, typeof renderer>[];
    const noColor = Object.fromEntries(
      Object.values(ListrDefaultRendererLogLevels).map((level) => [level, (text?: string) => text ?? '']),
    );
    const list = new Listr<object, typeof renderer, 'simple'>(tasks, {
      concurrent: true,
      exitOnError: false,
      // The CLI owns Ctrl-C (exit 130, a second Ctrl-C exits at once); listr2's handler would exit 127.
      registerSignalListeners: false,
      renderer,
      rendererOptions: {
        collapseSubtasks: false,
        collapseErrors: false,
        showErrorMessage: true,
        collapseSkips: true,
        formatOutput: 'truncate',
        ...(this.color ? {} : { color: noColor }),
        logger: new ListrLogger({
          useIcons: true,
          // Both of listr2's "stdout" and "stderr" write to our stream, so it never hijacks a process
          // stream it was not handed (log-update still hides the cursor on process.stderr when that is
          // a TTY). While it draws, listr2 replaces the `write` of the streams it holds with a buffer
          // it prints at the end: it holds a stand-in, so that what is written to ours meanwhile (an
          // approval's question, asked while the tree is paused) shows at once.
          processOutput: new ProcessOutput(standIn(this.out), standIn(this.out)),
        }),
      },
    });
    // Handled here, not only in done(): a renderer crash before close() must not become an unhandled
    // rejection that kills the process in the middle of a run.
    this.running = list.run().then(
      () => undefined,
      (error: unknown) => {
        this.failure = { error };
      },
    );
  }

  /**
   * Erases the tree and stops drawing it until `resume()`: what is written meanwhile (a question and
   * its answer) stays on the screen, and the tree is drawn again below it.
   */
  pause(): void {
    this.hold.clear();
    this.hold.paused = true;
  }

  resume(): void {
    this.hold.paused = false;
  }

  /**
   * Resolves once the renderer has drawn the final tree and stopped (its spinner timer included);
   * rejects if listr2 itself failed, which is a bug.
   */
  async done(): Promise<void> {
    await this.running;
    if (this.failure !== undefined) throw this.failure.error;
  }
}

/**
 * A stream for listr2 that writes to `out`. The cast: listr2 types it as a tty stream but only writes
 * and reads columns/rows/isTTY, copied when it starts, as it does of a real stream.
 */
function standIn(out: NodeJS.WritableStream): NodeJS.WriteStream {
  const tty = out as Partial<NodeJS.WriteStream>;
  return {
    write: (...args: Parameters<NodeJS.WritableStream['write']>) => out.write(...args),
    isTTY: tty.isTTY,
    columns: tty.columns,
    rows: tty.rows,
  } as NodeJS.WriteStream;
}

/**
 * The default renderer with two changes for orchestra. A class per tree, because listr2 constructs
 * the renderer itself and this one needs to ask the tree which rows are queued.
 */
function treeRenderer(
  isQueued: (task: ListrDefaultRendererTask) => boolean,
  queuedIcon: string,
  hold: { paused: boolean; clear: () => void },
) {
  return class TreeRenderer extends DefaultRenderer {
    constructor(...args: ConstructorParameters<typeof DefaultRenderer>) {
      super(...args);
      // listr2 keeps its log-update instance private; clearing it is the one way to erase the tree.
      hold.clear = () => (Reflect.get(this, 'updater') as { clear?: () => void } | undefined)?.clear?.();
    }

    override update(): void {
      if (!hold.paused) super.update();
    }

    // listr2 checks `process.stdout.isTTY`; the reporter already decided that *its* stream is a terminal.
    static override nonTTY = true;

    // Every row is "started" for listr2 from the beginning; a task the engine has not started yet is
    // drawn as waiting instead of with a spinner, so the spinners show what is actually running.
    protected override style(task: ListrDefaultRendererTask, output = false): string {
      if (!output && isQueued(task)) return queuedIcon;
      return super.style(task, output);
    }
  };
}
