import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import type { RunRecord } from '../../src/state/run-state.js';
import { cli, LiveCli } from '../support/cli.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

const cleanups: (() => void | Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const WORKFLOW = `${HEADER}tasks:\n  t: { run: "echo \${{ run.id }} > out.txt" }\n`;

function setup(): { fx: RunFixture; file: string; run: () => string } {
  const fx = new RunFixture();
  cleanups.push(() => fx.cleanup());
  const file = fx.setup(WORKFLOW);
  const run = () => {
    const r = cli(['run', '-f', file, '--json'], fx.repo);
    expect(r.code, r.stderr).toBe(0);
    const end = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as EngineEvent)
      .at(-1)!;
    if (end.type !== 'run-finished') throw new Error(r.stdout);
    return end.runId;
  };
  return { fx, file, run };
}

const runDir = (fx: RunFixture, id: string) => join(fx.repo, '.orchestra/runs', id);

/** Makes a run look as if it had started `days` ago. */
function age(fx: RunFixture, id: string, days: number): void {
  const file = join(runDir(fx, id), 'run.json');
  const record = JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
  record.startedAt = Date.now() - days * 86_400_000;
  writeFileSync(file, JSON.stringify(record));
}

describe('orchestra clean --older-than / --keep-last', () => {
  it('removes the runs older than the age, with their branches, and keeps the rest', () => {
    const { fx, run } = setup();
    const [old, recent] = [run(), run()];
    age(fx, old, 10);
    const r = cli(['clean', '--older-than', '7d', '--branches'], fx.repo);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 branch\(es\), 1 run record\(s\)/);
    expect(existsSync(runDir(fx, old))).toBe(false);
    expect(existsSync(runDir(fx, recent))).toBe(true);
    expect(fx.git('branch', '--list', `orchestra/${old}`, `orchestra/tasks/${old}/*`)).toBe('');
    expect(fx.git('branch', '--list', `orchestra/${recent}`)).not.toBe('');
    // Nothing is that old any more.
    expect(cli(['clean', '--older-than', '7d'], fx.repo).stdout).toMatch(/0 run record\(s\)/);
  });

  it('keeps the newest N; with --older-than too, a run must be both', () => {
    const { fx, run } = setup();
    const ids = [run(), run(), run()]; // oldest first
    age(fx, ids[0]!, 3);
    // Only the oldest is over a day old; the newest two are kept by count anyway.
    expect(cli(['clean', '--keep-last', '1', '--older-than', '1d'], fx.repo).code).toBe(0);
    expect(ids.map((id) => existsSync(runDir(fx, id)))).toEqual([false, true, true]);
    expect(cli(['clean', '--keep-last', '1'], fx.repo).code).toBe(0);
    expect(ids.map((id) => existsSync(runDir(fx, id)))).toEqual([false, false, true]);
  });

  it('leaves a run in progress alone', async () => {
    const { fx, file, run } = setup();
    const slow = join(fx.root, 'slow.yaml');
    writeFileSync(slow, readFileSync(file, 'utf8').replace('echo ${{ run.id }} > out.txt', 'sleep 30'));
    const live = new LiveCli(['run', '-f', slow], fx.repo);
    cleanups.push(async () => {
      live.child.kill('SIGTERM');
      await live.exited;
    });
    const started = await live.waitFor((e) => e.type === 'run-started');
    run(); // newer: the live run is no longer among the newest one
    const r = cli(['clean', '--keep-last', '1'], fx.repo);
    expect(r.code).toBe(0);
    if (started.type !== 'run-started') throw new Error('unreachable');
    expect(r.stdout).toContain(`left run ${started.runId} alone: it is in progress`);
    expect(existsSync(runDir(fx, started.runId))).toBe(true);
  });

  it('refuses a bad age, and --keep-last with --run or --all', () => {
    const { fx } = setup();
    const bad = cli(['clean', '--older-than', 'a week'], fx.repo);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected an age like 30m, 12h, 7d or 2w');
    const both = cli(['clean', '--keep-last', '2', '--all'], fx.repo);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("option '--keep-last <n>' cannot be used with option '--all'");
  });
});
