import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** One git process a program started: its subcommand and the arguments after it (`-c` options dropped). */
export interface GitCall {
  command: string;
  args: string[];
}

/**
 * A `git` first on PATH that logs each invocation to a file, then runs the real git: counts the git
 * processes a program starts, exactly, whatever the machine's load. (orchestra passes no GIT_*
 * variable on to git, so the log's path is in ORCHESTRA_TEST_GIT_LOG.)
 */
export class GitLog {
  readonly file: string;
  readonly env: NodeJS.ProcessEnv;

  constructor(dir: string) {
    const bin = join(dir, 'git-log-bin');
    mkdirSync(bin, { recursive: true });
    this.file = join(dir, 'git-calls.log');
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    // One line a process: its arguments separated by the unit separator (they hold spaces).
    writeFileSync(
      join(bin, 'git'),
      `#!/bin/sh\n(IFS=$(printf '\\037'); printf '%s\\n' "$*") >> "$ORCHESTRA_TEST_GIT_LOG"\nexec ${real} "$@"\n`,
    );
    chmodSync(join(bin, 'git'), 0o755);
    this.env = { PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, ORCHESTRA_TEST_GIT_LOG: this.file };
  }

  /** The git processes started so far, in the order they started. */
  calls(): GitCall[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const argv = line.split('\x1f');
        while (argv[0] === '-c') argv.splice(0, 2);
        const [command = '', ...args] = argv;
        return { command, args };
      });
  }

  /** Forgets the calls logged so far. */
  reset(): void {
    writeFileSync(this.file, '');
  }
}
