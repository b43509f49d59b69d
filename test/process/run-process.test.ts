import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runProcess, type RunProcessOptions } from '../../src/process/run-process.js';
import { fixture, isDead, killQuietly, removeTempDirs, tempDir, waitFor } from './helpers.js';

const node = process.execPath;
const leaked: number[] = [];

afterEach(async () => {
  for (const pid of leaked.splice(0)) killQuietly(pid);
  await removeTempDirs();
});

async function setup(): Promise<{ dir: string; logFile: string }> {
  const dir = await tempDir();
  return { dir, logFile: join(dir, 'logs', 'nested', 'attempt-1.log') };
}

function base(dir: string, logFile: string): Pick<RunProcessOptions, 'cwd' | 'env' | 'logFile'> {
  return { cwd: dir, env: {}, logFile };
}

/** Collects lines and the grandchild pid that tree.mjs prints. */
function treeWatcher(): { onLine: (line: string) => void; lines: string[]; grandchild: () => number } {
  const lines: string[] = [];
  return {
    lines,
    onLine: (line) => {
      lines.push(line);
      const match = /^grandchild (\d+)$/.exec(line);
      if (match) leaked.push(Number(match[1]));
    },
    grandchild: () => {
      const line = lines.find((l) => l.startsWith('grandchild '));
      if (line === undefined) throw new Error('no grandchild pid printed');
      return Number(line.split(' ')[1]);
    },
  };
}

describe('runProcess: how processes end', () => {
  it('reports exit code 0 and writes both streams to the log', async () => {
    const { dir, logFile } = await setup();
    const result = await runProcess({
      ...base(dir, logFile),
      command: { argv: [node, fixture('exit-code.mjs'), '0'] },
    });
    expect(result.outcome).toEqual({ kind: 'exited', exitCode: 0 });
    const log = await readFile(logFile, 'utf8');
    expect(log).toContain('to stdout\n');
    expect(log).toContain('to stderr\n');
    expect(result.tail).toBe(log);
    expect(result.head).toBe(log);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a non-zero exit code as exited, not as a failure to start', async () => {
    const { dir, logFile } = await setup();
    const result = await runProcess({
      ...base(dir, logFile),
      command: { argv: [node, fixture('exit-code.mjs'), '3'] },
    });
    expect(result.outcome).toEqual({ kind: 'exited', exitCode: 3 });
  });

  it('reports a process killed by a signal nobody here sent as signaled', async () => {
    const { dir, logFile } = await setup();
    const result = await runProcess({
      ...base(dir, logFile),
      command: { argv: [node, fixture('self-signal.mjs'), 'SIGKILL'] },
    });
    expect(result.outcome).toEqual({ kind: 'signaled', signal: 'SIGKILL' });
    expect(result.tail).toContain('about to die');
  });

  it('runs a shell command through /bin/sh -c', async () => {
    const { dir, logFile } = await setup();
    const result = await runProcess({
      ...base(dir, logFile),
      command: { shell: 'echo one && echo two | tr a-z A-Z; exit 4' },
    });
    expect(result.outcome).toEqual({ kind: 'exited', exitCode: 4 });
    expect(await readFile(logFile, 'utf8')).toBe('one\nTWO\n');
  });

  it('reports a shell that kills itself as signaled', async () => {
    const { dir, logFile } = await setup();
    const result = await runProcess({ ...base(dir, logFile), command: { shell: 'kill -TERM $$' } });
    expect(result.outcome).toEqual({ kind: 'signaled', signal: 'SIGTERM' });
  });

  it('does not pass argv through a shell', async () => {
    const { dir, logFile } = await setup();
    const result = await runProcess({
      ...base(dir, logFile),
      command: { argv: ['/bin/echo', '$HOME; touch pwned', '`id`'] },
    });
    expect(result.outcome).toEqual({ kind: 'exited', exitCode: 0 });
    expect(await readFile(logFile, 'utf8')).toBe('$HOME; touch pwned `id`\n');
    await expect(stat(join(dir, 'pwned'))).rejects.toThrow();
  });
});

describe('runProcess: spawn failures', () => {
  it('names the program that was not found', async () => {
    const { dir, logFile } = await setup();
    const result = await runProcess({
      ...base(dir, logFile),
      command: { argv: ['orchestra-no-such-program-42', '--flag'] },
    });
    expect(result.outcome).toEqual({
      kind: 'spawn-failed',
      message: 'program not found: orchestra-no-such-program-42',
      cause: 'not-found',
    });
  });

  it('says when an argument is too long for the OS, and not that the program is missing', async () => {
    const { dir, logFile } = await setup();
    const result = await runProcess({
      ...base(dir, logFile),
      command: { argv: [node, '-e', '0', 'x'.repeat(300 * 1024)] },
    });
    expect(result.outcome).toEqual({
      kind: 'spawn-failed',
      message: `its command line is too long for the OS (E2BIG): ${node}`,
      cause: 'too-long',
    });
  });

  it('names a missing working directory', async () => {
    const { dir, logFile } = await setup();
    const missing = join(dir, 'gone');
    const result = await runProcess({ ...base(dir, logFile), cwd: missing, command: { argv: [node, '-v'] } });
    expect(result.outcome).toEqual({
      kind: 'spawn-failed',
      message: `working directory does not exist: ${missing}`,
    });
  });

  it('fails to start when the log file cannot be created', async () => {
    const { dir } = await setup();
    await writeFile(join(dir, 'a-file'), 'x');
    const logFile = join(dir, 'a-file', 'x.log');
    const result = await runProcess({ ...base(dir, logFile), command: { argv: [node, '-v'] } });
    expect(result.outcome.kind).toBe('spawn-failed');
    expect(result.outcome.kind === 'spawn-failed' && result.outcome.message).toContain(
      `cannot open log file ${logFile}`,
    );
  });

  it('does not start anything when the signal is already aborted', async () => {
    const { dir, logFile } = await setup();
    const marker = join(dir, 'started');
    const result = await runProcess({
      ...base(dir, logFile),
      command: { shell: `touch ${marker}` },
      signal: AbortSignal.abort(),
    });
    expect(result.outcome).toEqual({ kind: 'cancelled' });
    await expect(stat(marker)).rejects.toThrow();
  });
});

describe('runProcess: input, environment, log', () => {
  it('writes stdin then closes it', async () => {
    const { dir, logFile } = await setup();
    const result = await runProcess({
      ...base(dir, logFile),
      command: { argv: [node, fixture('echo-stdin.mjs')] },
      stdin: 'a long prompt\nwith "quotes" and $dollars\n',
    });
    expect(result.outcome).toEqual({ kind: 'exited', exitCode: 0 });
    expect(await readFile(logFile, 'utf8')).toBe('<<a long prompt\nwith "quotes" and $dollars\n>>\n');
  });

  it('gives an empty stdin when none is provided (a reader does not hang)', async () => {
    const { dir, logFile } = await setup();
    const result = await runProcess({
      ...base(dir, logFile),
      command: { argv: [node, fixture('echo-stdin.mjs')] },
    });
    expect(result.outcome).toEqual({ kind: 'exited', exitCode: 0 });
    expect(await readFile(logFile, 'utf8')).toBe('<<>>\n');
  });

  it('merges env over the parent environment', async () => {
    const { dir, logFile } = await setup();
    const result = await runProcess({
      ...base(dir, logFile),
      env: { ORCHESTRA_TEST_VAR: 'hello world', ORCHESTRA_PORT: '4321' },
      command: { argv: [node, fixture('print-env.mjs'), 'ORCHESTRA_TEST_VAR', 'ORCHESTRA_PORT', 'PATH'] },
    });
    expect(result.outcome).toEqual({ kind: 'exited', exitCode: 0 });
    const log = await readFile(logFile, 'utf8');
    expect(log).toContain('ORCHESTRA_TEST_VAR=hello world\n');
    expect(log).toContain('ORCHESTRA_PORT=4321\n');
    expect(log).toContain(`PATH=${process.env.PATH ?? ''}\n`);
  });

  it('runs in cwd', async () => {
    const { dir, logFile } = await setup();
    const sub = join(dir, 'sandbox');
    await mkdir(sub);
    const result = await runProcess({ ...base(dir, logFile), cwd: sub, command: { shell: 'pwd' } });
    expect(result.outcome).toEqual({ kind: 'exited', exitCode: 0 });
    expect(await readFile(logFile, 'utf8')).toBe(`${sub}\n`);
  });

  it('appends to an existing log file', async () => {
    const { dir, logFile } = await setup();
    await mkdir(join(dir, 'logs', 'nested'), { recursive: true });
    await writeFile(logFile, '--- attempt header ---\n');
    await runProcess({ ...base(dir, logFile), command: { shell: 'echo body' } });
    expect(await readFile(logFile, 'utf8')).toBe('--- attempt header ---\nbody\n');
  });

  it('hands complete, trimmed and truncated lines to onLine', async () => {
    const { dir, logFile } = await setup();
    const lines: string[] = [];
    const result = await runProcess({
      ...base(dir, logFile),
      command: { argv: [node, fixture('lines.mjs')] },
      onLine: (line) => lines.push(line),
    });
    expect(result.outcome).toEqual({ kind: 'exited', exitCode: 0 });
    // stdout and stderr are split separately; their relative order is up to the OS.
    const stdoutLines = lines.filter((l) => !l.startsWith('err '));
    expect(stdoutLines).toEqual([
      'first',
      'second',
      'progress 100%',
      `${'x'.repeat(500)}…`,
      'no newline at end',
    ]);
    expect(lines.filter((l) => l.startsWith('err '))).toEqual(['err one', 'err two']);
  });
});

describe('runProcess: killing whole process trees', () => {
  it('times out a shell whose grandchild ignores SIGTERM and holds the output pipe', async () => {
    const { dir, logFile } = await setup();
    const watcher = treeWatcher();
    const result = await runProcess({
      ...base(dir, logFile),
      command: { shell: `trap '' TERM; sleep 1000 & echo "grandchild $!"; wait` },
      timeoutMs: 300,
      killGraceMs: 300,
      onLine: watcher.onLine,
    });
    expect(result.outcome).toEqual({ kind: 'timed-out' });
    expect(await isDead(watcher.grandchild())).toBe(true);
  });

  it('times out a tree whose grandchild ignores SIGTERM and does not hold the pipe', async () => {
    const { dir, logFile } = await setup();
    const watcher = treeWatcher();
    const result = await runProcess({
      ...base(dir, logFile),
      command: { argv: [node, fixture('tree.mjs'), 'ignore'] },
      // Long enough for two node start-ups on a loaded machine: the grandchild must be up to be killed.
      timeoutMs: 3000,
      killGraceMs: 300,
      onLine: watcher.onLine,
    });
    expect(result.outcome).toEqual({ kind: 'timed-out' });
    // Resolved only once the grandchild is gone, not merely once the pipes closed.
    expect(await isDead(watcher.grandchild())).toBe(true);
  });

  it('cancels through the AbortSignal and kills the tree', async () => {
    const { dir, logFile } = await setup();
    const watcher = treeWatcher();
    const controller = new AbortController();
    const running = runProcess({
      ...base(dir, logFile),
      command: { argv: [node, fixture('tree.mjs'), 'inherit'] },
      signal: controller.signal,
      killGraceMs: 300,
      onLine: watcher.onLine,
    });
    await waitFor(() => watcher.lines.includes('ready') && watcher.lines.includes('grandchild up'));
    const grandchild = watcher.grandchild();
    expect(await isDead(grandchild)).toBe(false);
    controller.abort();
    const result = await running;
    expect(result.outcome).toEqual({ kind: 'cancelled' });
    expect(await isDead(grandchild)).toBe(true);
    expect(result.tail).toContain('ready');
  });

  it('ends processes left behind by a command that exited', async () => {
    const { dir, logFile } = await setup();
    const watcher = treeWatcher();
    const result = await runProcess({
      ...base(dir, logFile),
      command: { shell: 'sleep 1000 & echo "grandchild $!"; exit 0' },
      killGraceMs: 300,
      onLine: watcher.onLine,
    });
    expect(result.outcome).toEqual({ kind: 'exited', exitCode: 0 });
    expect(await isDead(watcher.grandchild())).toBe(true);
  });
});

describe('runProcess: huge output', () => {
  it('streams 200 MB to the log file exactly and keeps only the tail', async () => {
    const { dir, logFile } = await setup();
    const lineCount = 2_000_000; // 100 bytes each
    let seen = 0;
    const result = await runProcess({
      ...base(dir, logFile),
      command: { argv: [node, fixture('big-output.mjs'), String(lineCount)] },
      onLine: () => seen++,
    });
    expect(result.outcome).toEqual({ kind: 'exited', exitCode: 0 });
    expect((await stat(logFile)).size).toBe(lineCount * 100);
    expect(seen).toBe(lineCount);

    const lastLines = Array.from(
      { length: 200 },
      (_, k) => `${String(lineCount - 200 + k).padStart(10, '0')} ${'x'.repeat(88)}\n`,
    ).join('');
    expect(result.tail).toBe(lastLines.slice(-16 * 1024));
    expect(result.head).toBe(
      Array.from({ length: 41 }, (_, k) => `${String(k).padStart(10, '0')} ${'x'.repeat(88)}\n`)
        .join('')
        .slice(0, 4096),
    );
  });
});
