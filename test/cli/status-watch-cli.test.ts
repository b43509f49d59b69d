import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, LiveCli } from '../support/cli.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

const cleanups: (() => void | Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The CLI run without blocking this process (the run it watches goes on meanwhile). */
function cliAsync(
  args: string[],
  cwd: string,
): { printed: Promise<void>; done: Promise<{ code: number; stdout: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  const printed = new Promise<void>((r) => child.stdout.once('data', () => r()));
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  const done = new Promise<{ code: number; stdout: string }>((r) =>
    child.on('close', (code) => r({ code: code ?? -1, stdout })),
  );
  return { printed, done };
}

describe('orchestra status --watch', () => {
  it('prints the status on each change until the run ends, then exits with its code', async () => {
    const fx = new RunFixture();
    cleanups.push(() => fx.cleanup());
    const gate = join(fx.root, 'go');
    // `a` waits for the test to let it finish, so the watcher surely sees it running first.
    const file = fx.setup(
      `${HEADER}tasks:\n  a: { run: "while [ ! -e ${gate} ]; do sleep 0.1; done" }\n  b: { run: "true", needs: [a] }\n`,
    );
    const live = new LiveCli(['run', '-f', file], fx.repo);
    cleanups.push(async () => {
      live.child.kill('SIGTERM');
      await live.exited;
    });
    await live.waitFor((e) => e.type === 'task-started' && e.task === 'a');
    const watching = cliAsync(['status', '--watch'], fx.repo);
    await watching.printed;
    writeFileSync(gate, '');
    const { code, stdout } = await watching.done;
    expect(await live.exited).toBe(0);
    expect(code).toBe(0);
    const renders = stdout.split(/\n(?=run \d)/);
    expect(renders.length).toBeGreaterThan(1);
    expect(renders[0]).toMatch(/^run \S+ \(.*\): running/);
    expect(renders.at(-1)).toMatch(/^run \S+ \(.*\): succeeded/);
    // Only changes are printed: no two renders in a row are the same.
    expect(renders.every((r, i) => i === 0 || r !== renders[i - 1])).toBe(true);
  });

  it('of a finished run prints it once, with --json as one line', async () => {
    const fx = new RunFixture();
    cleanups.push(() => fx.cleanup());
    const file = fx.setup(`${HEADER}tasks:\n  a: { run: "exit 1" }\n`);
    await cliAsync(['run', '-f', file], fx.repo).done;
    const r = await cliAsync(['status', '--watch', '--json'], fx.repo).done;
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ state: 'failed' });
  });
});
