import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import type { RunRecord } from '../../src/state/run-state.js';
import { CLI, LiveCli } from '../support/cli.js';
import { HEADER, isAlive, RunFixture } from '../support/run-fixture.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const record = (repo: string, runId: string) =>
  JSON.parse(readFileSync(join(repo, '.orchestra/runs', runId, 'run.json'), 'utf8')) as RunRecord;

describe('orchestra run when its terminal goes away', () => {
  // SIGHUP was left to proper-lockfile's signal-exit handler, which left it to orchestra's, which left
  // it to signal-exit's: it was ignored, and the run went on with nobody able to see or stop it. It
  // now cancels the run the way Ctrl-C does.
  it('cancels on SIGHUP like on Ctrl-C: agents ended, state saved, exit 130', async () => {
    const fx = new RunFixture();
    cleanups.push(() => fx.cleanup());
    const file = fx.setup(`${HEADER}tasks:\n  slow: { run: "echo $$ > pid; echo started; exec sleep 60" }\n`);
    const run = new LiveCli(['run', '-f', file], fx.repo);
    cleanups.push(() => run.child.kill('SIGKILL'));
    const started = await run.waitFor(
      (e): e is Extract<EngineEvent, { type: 'task-started' }> => e.type === 'task-started',
    );
    await run.waitFor((e) => e.type === 'task-output' && e.line === 'started');
    const pid = Number(readFileSync(join(started.sandbox, 'pid'), 'utf8'));
    run.child.kill('SIGHUP');
    expect(await run.exited).toBe(130);
    const runId = (run.events[0] as Extract<EngineEvent, { type: 'run-started' }>).runId;
    const rec = record(fx.repo, runId);
    expect(rec.outcome).toBe('cancelled');
    expect(rec.tasks.slow!.status).toBe('cancelled');
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(started.sandbox)).toBe(false); // keep: never
  });

  // A reader that stops early (`| head -1`) made the next event write throw EPIPE: the CLI crashed
  // mid-run, leaving the run recorded as running and its sandboxes behind.
  it('finishes and records the run when the reader of --json closes the pipe early', async () => {
    const fx = new RunFixture();
    cleanups.push(() => fx.cleanup());
    const go = join(fx.root, 'go');
    // Task a waits until the pipe is closed: every later event is written to a closed pipe.
    const file = fx.setup(
      `${HEADER}tasks:\n  a: { run: "while [ ! -e '${go}' ]; do sleep 0.05; done; echo one > a.txt" }\n  b: { run: "echo two > b.txt", needs: [a] }\n`,
    );
    const child = spawn(process.execPath, [CLI, 'run', '-f', file, '--json'], {
      cwd: fx.repo,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => child.kill('SIGKILL'));
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let first = '';
    await new Promise<void>((resolve) =>
      child.stdout.setEncoding('utf8').once('data', (chunk: string) => {
        first = chunk.split('\n')[0]!;
        // Like `head -1`: read one line, then close the pipe.
        child.stdout.destroy();
        resolve();
      }),
    );
    writeFileSync(go, '');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    const runId = (JSON.parse(first) as Extract<EngineEvent, { type: 'run-started' }>).runId;
    const rec = record(fx.repo, runId);
    expect(rec.outcome).toBe('succeeded');
    expect(fx.show(`orchestra/${runId}`, 'b.txt')).toBe('two');
    expect(existsSync(join(fx.sandboxes, runId, 'a'))).toBe(false);
  });
});
