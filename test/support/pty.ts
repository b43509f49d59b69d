import { spawn, type ChildProcess } from 'node:child_process';
import { plain } from '../reporters/capture.js';
import { CLI } from './cli.js';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The built CLI run in a pseudo-terminal (util-linux `script` makes one): its stdout and stdin are
 * a TTY, as in a person's terminal. What it draws arrives on `output`; `type` is what they type.
 */
export class PtyCli {
  readonly child: ChildProcess;
  output = '';
  readonly exited: Promise<number | null>;
  #waiters: (() => void)[] = [];

  /** @param opts.noInput stdin is /dev/null, not the terminal (only stdout is a TTY) */
  constructor(args: string[], cwd: string, opts: { noInput?: boolean } = {}) {
    // A pty made from a pipe has no size (0 rows), and a tree the height of the terminal shows nothing.
    const cli = [process.execPath, CLI, ...args].map(quote).join(' ');
    const command = `stty rows 60 cols 160; exec ${cli}${opts.noInput ? ' < /dev/null' : ''}`;
    // -e: script exits with the command's code; -f: output is written as it comes.
    this.child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', TERM: 'xterm', CI: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const take = (chunk: string) => {
      this.output += chunk;
      for (const w of this.#waiters.splice(0)) w();
    };
    this.child.stdout!.setEncoding('utf8').on('data', take);
    this.child.stderr!.setEncoding('utf8').on('data', take);
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** Resolves once the terminal has shown text matching `pattern`; rejects after `timeoutMs`. */
  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${pattern}; the terminal shows:\n${this.output}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  /** The tree as last drawn (from the renderer's last return to the first column), then the summary. */
  lastFrame(): string {
    return plain(this.output.slice(this.output.lastIndexOf('\u001b[G'))).replace(/\r/g, '');
  }

  type(text: string): void {
    this.child.stdin!.write(text);
  }
}
