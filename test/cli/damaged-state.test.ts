import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/state/run-state.js';
import { cli } from '../support/cli.js';
import { RunFixture } from '../support/run-fixture.js';

/** Two command tasks, a → b (with a gate): a real run in a few hundred milliseconds, no agent. */
const WORKFLOW = `version: 1
sandbox:
  dir: SANDBOX_DIR
  keep: never
gates:
  fine: "true"
tasks:
  a: { run: "echo made-a > a.txt; echo log-of-a" }
  b: { run: "echo log-of-b", needs: [a], verify: [fine] }
`;

let fx: RunFixture;
let file: string;
let runId: string;
let good: string;
const env = () => ({ XDG_CACHE_HOME: join(fx.root, 'cache') });
const runDir = () => join(fx.repo, '.orchestra/runs', runId);
const recordFile = () => join(runDir(), 'run.json');
const orchestra = (...args: string[]) => cli(args, fx.repo, env());

/** Exit code 2, the problem and what to do on stderr, and never a stack trace. */
function refused(r: ReturnType<typeof cli>, ...says: string[]): void {
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr).not.toMatch(/^\s+at /m);
  for (const s of says) expect(r.stderr).toContain(s);
  expect(r.stderr).toContain('hint:');
  expect(r.code).toBe(2);
}

beforeAll(() => {
  fx = new RunFixture();
  file = fx.setup(WORKFLOW);
  const r = cli(['run', '-f', file, '--json'], fx.repo, { XDG_CACHE_HOME: join(fx.root, 'cache') });
  expect(r.code).toBe(0);
  runId = (JSON.parse(r.stdout.split('\n')[0]!) as { runId: string }).runId;
  good = readFileSync(join(fx.repo, '.orchestra/runs', runId, 'run.json'), 'utf8');
  cpSync(join(fx.repo, '.orchestra/runs', runId), join(fx.root, 'saved-run'), { recursive: true });
});
afterAll(() => fx.cleanup());
// Each test may damage or remove the run: the next one starts from the run as it was made.
afterEach(() => {
  rmSync(runDir(), { recursive: true, force: true });
  cpSync(join(fx.root, 'saved-run'), runDir(), { recursive: true });
});

describe('run ids given on the command line', () => {
  it('clean --run with a path is refused and removes nothing (it used to delete the repository)', () => {
    for (const id of ['../..', '..', '/tmp', '']) {
      refused(orchestra('clean', '--run', id), `"${id}" is not a run id`);
    }
    expect(existsSync(join(fx.repo, 'README.md'))).toBe(true);
    expect(existsSync(recordFile())).toBe(true);
    refused(orchestra('status', '--run', '../x'), '"../x" is not a run id');
  });

  it('clean --run of a run that left nothing exits 2 instead of reporting a removal', () => {
    refused(orchestra('clean', '--run', 'no-such-run'), 'no run "no-such-run"', 'orchestra runs');
  });
});

describe('a damaged run.json', () => {
  const damages: Record<string, (text: string) => string> = {
    'truncated half-way': (text) => text.slice(0, text.length / 2),
    null: () => 'null',
    'of the wrong shape': () => '{"version":1,"tasks":[]}',
    'of a newer version': (text) => text.replace('"version": 1', '"version": 2'),
    'of another run': (text) => text.replace(`"id": "${runId}"`, '"id": "someone-else"'),
    'with a task of the wrong shape': (text) => text.replace('"attempts": [', '"attempts": 7, "x": ['),
    "with a gate's runs of the wrong shape": (text) =>
      text.replace('"name": "fine",', '"name": "fine", "runs": 3,'),
  };
  it.each(Object.keys(damages))('%s: status, rerun and resume say which file and what to do', (damage) => {
    writeFileSync(recordFile(), damages[damage]!(good));
    const file_ = `.orchestra/runs/${runId}/run.json`;
    refused(orchestra('status'), file_);
    refused(orchestra('status', '--run', runId), file_);
    refused(orchestra('rerun', 'b', '-f', file), file_);
    refused(orchestra('report'), file_);
    const runs = orchestra('runs');
    expect(runs.code).toBe(0);
    expect(runs.stdout).toMatch(new RegExp(`^${runId}\\s.*unreadable$`, 'm'));
    expect(runs.stderr).toContain(`orchestra clean --run ${runId}`);
  });

  it('is named by logs and resume too, and clean --run removes it', () => {
    writeFileSync(recordFile(), '{"version":1,');
    refused(orchestra('logs', 'a'), 'is damaged: it is not valid JSON', `orchestra clean --run ${runId}`);
    refused(orchestra('resume', '-f', file), 'is damaged');
    const json = orchestra('status', '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, diagnostics: [{ code: 'usage' }] });
    const clean = orchestra('clean', '--run', runId);
    expect(clean.code).toBe(0);
    expect(existsSync(runDir())).toBe(false);
  });

  it('a run folder without run.json is named as such and can be cleaned', () => {
    rmSync(recordFile());
    refused(orchestra('status', '--run', runId), 'run.json is missing', `orchestra clean --run ${runId}`);
    expect(orchestra('clean', '--run', runId).code).toBe(0);
    expect(existsSync(runDir())).toBe(false);
  });
});

describe('other damage', () => {
  it('a missing workflow.json: rerun asks for --allow-stale instead of crashing', () => {
    const workflowJson = join(runDir(), 'workflow.json');
    const kept = readFileSync(workflowJson, 'utf8');
    rmSync(workflowJson);
    try {
      refused(orchestra('rerun', 'b', '-f', file), 'workflow.json: it does not exist', '--allow-stale');
      expect(orchestra('rerun', 'b', '-f', file, '--allow-stale').code).toBe(0);
    } finally {
      writeFileSync(workflowJson, kept);
    }
  });

  it('a deleted log is reported, not printed as empty', () => {
    const log = join(runDir(), 'logs/a/attempt-1.log');
    const kept = readFileSync(log, 'utf8');
    expect(orchestra('logs', 'a').stdout).toBe(kept);
    rmSync(log);
    try {
      refused(orchestra('logs', 'a'), 'logs/a/attempt-1.log is missing');
      refused(orchestra('logs', 'a', '--follow'), 'logs/a/attempt-1.log is missing');
    } finally {
      writeFileSync(log, kept);
    }
  });

  it('a task name that is a property of every object is an unknown task', () => {
    refused(orchestra('logs', '__proto__'), 'has no task "__proto__"');
    refused(orchestra('logs', 'constructor', '--follow'), 'has no task "constructor"');
  });

  it('resume of a run that finished says there is nothing to resume', () => {
    refused(orchestra('resume', '-f', file), 'is not interrupted: it succeeded', 'orchestra rerun');
  });
});

describe('locks and states', () => {
  const holdLock = (pid: number) => {
    mkdirSync(join(runDir(), 'lock'), { recursive: true });
    writeFileSync(join(runDir(), 'lock.owner'), JSON.stringify({ pid, host: hostname() }));
  };
  const withRecord = (change: (r: RunRecord) => void) => {
    const r = JSON.parse(good) as RunRecord;
    change(r);
    writeFileSync(recordFile(), JSON.stringify(r));
  };
  const state = () => {
    const r = orchestra('status', '--json');
    return { code: r.code, state: (JSON.parse(r.stdout) as { state: string }).state };
  };

  it('clean leaves a run held by a live process alone, and clean --run of it exits 2', () => {
    holdLock(process.pid); // this test's process is alive, as the owner of a running run would be
    const plain = orchestra('clean');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(`left run ${runId} alone: it is in progress`);
    refused(orchestra('clean', '--run', runId), `run ${runId} is in progress`);
    expect(existsSync(recordFile())).toBe(true);
  });

  it('a lock left by a dead process does not stop clean --run', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    holdLock(dead);
    expect(orchestra('clean', '--run', runId).code).toBe(0);
    expect(existsSync(runDir())).toBe(false);
  });

  it('status --json gives each state its exit code', () => {
    expect(state()).toEqual({ code: 0, state: 'succeeded' });
    withRecord((r) => (r.outcome = 'failed'));
    expect(state()).toEqual({ code: 1, state: 'failed' });
    withRecord((r) => (r.outcome = 'cancelled'));
    expect(state()).toEqual({ code: 1, state: 'cancelled' });
    withRecord((r) => delete r.outcome);
    expect(state()).toEqual({ code: 1, state: 'interrupted' });
    holdLock(process.pid);
    expect(state()).toEqual({ code: 1, state: 'running' });
  });

  it('logs --follow of a finished run prints the log and ends', () => {
    const r = orchestra('logs', 'b', '--follow');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('log-of-b\n');
  });
});

describe('where orchestra runs', () => {
  it('outside a git repository, or in a bare one, every run command says so with exit code 2', () => {
    const outside = join(fx.root, 'outside');
    mkdirSync(outside, { recursive: true });
    const bare = join(fx.root, 'bare.git');
    spawnSync('git', ['init', '-q', '--bare', bare]);
    for (const cwd of [outside, bare]) {
      for (const args of [
        ['status'],
        ['runs'],
        ['logs', 'a'],
        ['clean'],
        ['rerun', 'a', '-f', file],
        ['resume', '-f', file],
      ]) {
        refused(
          cli(args, cwd, env()),
          cwd === bare
            ? `git cannot use the repository at ${bare}: it is a bare repository`
            : 'is not in a git repository',
        );
      }
    }
  });

  it('a .orchestra/runs that cannot be a folder: run says so, the others still work', () => {
    const other = new RunFixture();
    try {
      mkdirSync(join(other.repo, '.orchestra'));
      writeFileSync(join(other.repo, '.orchestra/runs'), 'in the way');
      refused(
        cli(['run', '-f', file], other.repo, env()),
        'cannot record the run in .orchestra/runs/',
        'ENOTDIR',
      );
      expect(cli(['runs'], other.repo, env()).code).toBe(0);
      expect(cli(['clean'], other.repo, env()).code).toBe(0);
      refused(cli(['status'], other.repo, env()), 'no runs are recorded');
    } finally {
      other.cleanup();
    }
  });
});
