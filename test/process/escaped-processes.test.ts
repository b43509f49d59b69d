import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runProcess } from '../../src/process/run-process.js';
import { fixture, isDead, killQuietly, removeTempDirs, tempDir, waitFor } from './helpers.js';

const leaked: number[] = [];

afterEach(async () => {
  for (const pid of leaked.splice(0)) killQuietly(pid);
  await removeTempDirs();
});

/** Collects output lines and remembers every pid printed as "escapee <pid>" to kill it afterwards. */
function watcher(): { onLine: (line: string) => void; escapee: () => number } {
  const lines: string[] = [];
  return {
    onLine: (line) => {
      lines.push(line);
      const match = /^escapee (\d+)$/.exec(line);
      if (match) leaked.push(Number(match[1]));
    },
    escapee: () => {
      const line = lines.find((l) => l.startsWith('escapee '));
      if (line === undefined) throw new Error(`no escapee pid printed: ${lines.join(' | ')}`);
      return Number(line.split(' ')[1]);
    },
  };
}

// `setsid` puts the process in a group of its own: killing the child's group does not reach it, and
// it keeps the output pipe it inherited. Before, runProcess waited for that pipe to close: as long as
// the daemon lived, past any timeout.
describe('runProcess: a process that left the process group but holds the output pipe', () => {
  it('is killed when the command times out, and the run ends', async () => {
    const dir = await tempDir();
    const w = watcher();
    const result = await runProcess({
      command: {
        shell: `setsid sh -c 'trap "" TERM; echo "escapee $$"; exec sleep 1000' & sleep 1000`,
      },
      cwd: dir,
      env: {},
      logFile: join(dir, 'log.txt'),
      timeoutMs: 500,
      killGraceMs: 300,
      onLine: w.onLine,
    });
    expect(result.outcome).toEqual({ kind: 'timed-out' });
    expect(await isDead(w.escapee())).toBe(true);
  });

  it('does not keep a command that exited waiting', async () => {
    const dir = await tempDir();
    const w = watcher();
    // The shell may exit before its pipes' handles are read: then the pipes are closed on our side.
    const result = await runProcess({
      command: { shell: `setsid sh -c 'echo "escapee $$"; exec sleep 1000' & echo started` },
      cwd: dir,
      env: {},
      logFile: join(dir, 'log.txt'),
      killGraceMs: 300,
      onLine: w.onLine,
    });
    expect(result.outcome).toEqual({ kind: 'exited', exitCode: 0 });
    expect(result.tail).toContain('started');
  });
});

describe('signals to a process that holds a lock (signal-exit) while it runs processes', () => {
  // proper-lockfile's signal-exit handlers leave a signal to any other listener, and orchestra's left
  // it to any other listener too: neither acted, and SIGTERM or SIGHUP was ignored.
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(`dies of ${signal}, and its process groups with it`, async () => {
      const dir = await tempDir();
      const runner = spawn(process.execPath, [fixture('locked-runner.mjs'), dir], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      runner.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
        runner.on('exit', (code, sig) => resolve(sig ?? code)),
      );
      try {
        await waitFor(() => /leader \d+/.test(out));
        const leader = Number(/leader (\d+)/.exec(out)![1]);
        leaked.push(leader);
        runner.kill(signal);
        const ended = await Promise.race([exited, waitFor(() => false, 15_000).catch(() => 'hung')]);
        expect(ended).toBe(signal);
        await waitFor(() => isDead(leader));
        expect(existsSync(`${dir}.lock`)).toBe(false);
      } finally {
        runner.kill('SIGKILL');
      }
    });
  }
});
