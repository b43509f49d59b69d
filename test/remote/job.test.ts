import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, cli } from '../support/cli.js';

const RUN = 'gha-7-1';

/**
 * A bare repository standing in for GitHub, a seed commit with the workflow on it, and a fresh clone
 * per job, as every GitHub Actions job gets its own checkout.
 */
class Remote {
  readonly root = mkdtempSync(join(tmpdir(), 'orchestra-remote-'));
  readonly bare = join(this.root, 'remote.git');
  #clones = 0;

  constructor(tasks: string) {
    const seed = join(this.root, 'seed');
    mkdirSync(seed);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: seed, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    writeFileSync(
      join(seed, 'orchestra.yaml'),
      `version: 1\nsandbox:\n  dir: ${join(this.root, 'sandboxes')}\n  keep: never\n  isolation: none\ntasks:\n${tasks}`,
    );
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'workflow');
    execFileSync('git', ['clone', '-q', '--bare', seed, this.bare]);
  }

  clone(): string {
    const dir = join(this.root, `clone-${++this.#clones}`);
    execFileSync('git', ['clone', '-q', this.bare, dir]);
    return dir;
  }

  /** `orchestra job … --run-id RUN --remote origin` in a fresh clone. */
  job(args: string[], env: NodeJS.ProcessEnv = {}) {
    return cli(['job', ...args, '--run-id', RUN, '--remote', 'origin'], this.clone(), env);
  }

  refs(): Map<string, string> {
    const out = execFileSync('git', ['for-each-ref', '--format=%(refname) %(objectname)'], {
      cwd: this.bare,
      encoding: 'utf8',
    });
    return new Map(
      out
        .trim()
        .split('\n')
        .map((l) => l.split(' ') as [string, string]),
    );
  }

  files(ref: string): string[] {
    return execFileSync('git', ['ls-tree', '-r', '--name-only', ref], { cwd: this.bare, encoding: 'utf8' })
      .trim()
      .split('\n');
  }

  show(spec: string): string {
    return execFileSync('git', ['show', spec], { cwd: this.bare, encoding: 'utf8' });
  }
}

const made: Remote[] = [];
const remote = (tasks: string) => {
  const r = new Remote(tasks);
  made.push(r);
  return r;
};
afterEach(() => {
  for (const r of made.splice(0)) rmSync(r.root, { recursive: true, force: true });
});

const DAG = `  a:
    run: echo a > a.txt
  b:
    needs: [a]
    run: 'test -n "$FIX_B" || { echo "b is broken here"; exit 1; }; echo "b with $MY_API_TOKEN"; echo b > b.txt; printf "greeting=hi\\nnotes<<EOF\\nline 1\\nline 2\\nEOF\\n" >> "$ORCHESTRA_OUTPUT"'
  c:
    needs: [a]
    run: echo c > c.txt
  d:
    needs: [b, c]
    run: echo d > d.txt
`;

/** A planner whose output (from $ITEMS) is a dynamic matrix's values; a leg fails where $BREAK says. */
const PLANNED = `  plan:
    run: |
      echo plan > plan.txt
      echo "items=$ITEMS" >> "$ORCHESTRA_OUTPUT"
  impl:
    needs: [plan]
    matrix: { item: '\${{ fromJSON(tasks.plan.outputs.items) }}' }
    run: 'test "\${{ matrix.item }}" != "$BREAK" || exit 1; echo \${{ matrix.item }} > impl-\${{ matrix.item }}.txt'
  final:
    needs: [impl]
    run: echo final > final.txt
`;

/** The result branch of DAG: every task's file. */
const EVERY_TASKS_WORK = ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'orchestra.yaml'];

// Every step is a CLI process and a clone, as on GitHub: minutes on a busy machine.
describe('orchestra job: a run spread over machines through a git remote', { timeout: 300_000 }, () => {
  it('runs a DAG job by job, each in a fresh clone, and integrates the pushed results', () => {
    const r = remote(DAG);
    const files = join(r.root, 'github');
    mkdirSync(files);
    const env = (name: string) => ({
      GITHUB_OUTPUT: join(files, `${name}.out`),
      GITHUB_STEP_SUMMARY: join(files, `${name}.md`),
      FIX_B: '1',
      MY_API_TOKEN: 'sk-very-secret-value',
    });
    const start = r.job(['--start'], env('start'));
    expect(start.stderr).toBe('');
    expect(start.code).toBe(0);
    expect(readFileSync(join(files, 'start.out'), 'utf8')).toBe(`run_id=${RUN}\n`);
    for (const task of ['a', 'b', 'c', 'd']) {
      const done = r.job([task], env(task));
      expect(done.code, `${task}: ${done.stderr}`).toBe(0);
    }
    const integrated = r.job(['--integrate'], env('integrate'));
    expect(integrated.code, integrated.stderr).toBe(0);

    const refs = r.refs();
    // Nothing under refs/heads but the user's main and the result; the rest is orchestra's namespace.
    expect([...refs.keys()].filter((ref) => ref.startsWith('refs/heads/'))).toEqual([
      'refs/heads/main',
      `refs/heads/orchestra/${RUN}`,
    ]);
    expect(r.files(`refs/heads/orchestra/${RUN}`)).toEqual(EVERY_TASKS_WORK);
    for (const task of ['a', 'b', 'c', 'd']) {
      expect(refs.has(`refs/orchestra/runs/${RUN}/tasks/${task}`)).toBe(true);
      expect(refs.has(`refs/orchestra/runs/${RUN}/records/${task}`)).toBe(true);
    }
    expect(refs.has(`refs/orchestra/runs/${RUN}/integration`)).toBe(true);

    // $GITHUB_OUTPUT: the task's outputs, a multi-line one in the heredoc form.
    const out = readFileSync(join(files, 'b.out'), 'utf8');
    expect(out).toMatch(/^greeting=hi\nnotes<<(ORCHESTRA_EOF_[0-9a-f]+)\nline 1\nline 2\n\1\n$/);
    // $GITHUB_STEP_SUMMARY: the task's part of the evidence report; the run's for --integrate.
    expect(readFileSync(join(files, 'b.md'), 'utf8')).toContain('## Task `b`');
    expect(readFileSync(join(files, 'integrate.md'), 'utf8')).toContain(
      `orchestra run \`${RUN}\`: succeeded`,
    );

    // The secret is in no pushed record or log; where it was, the log says ***.
    expect(r.show(`refs/orchestra/runs/${RUN}/records/b:logs/b/attempt-1.log`)).toContain('b with ***');
    const everything = execFileSync('git', ['log', '-p', '--all', '--format=%B'], {
      cwd: r.bare,
      encoding: 'utf8',
    });
    expect(everything).not.toContain('sk-very-secret-value');
    // No path or process of the machine a job ran on is handed to the next.
    expect(r.show(`refs/orchestra/runs/${RUN}/records/b:part.json`)).not.toMatch(/"sandbox"|"processGroup"/);

    // The distributed run as a local one looks, in yet another clone; report reads the fetched folder.
    const here = r.clone();
    const status = cli(['status', '--remote', 'origin', '--run', RUN], here);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain(`run ${RUN}`);
    expect(status.stdout).toMatch(/b\s+succeeded\s+1/);
    expect(status.stdout).toContain(`result: orchestra/${RUN}`);
    const report = cli(['report', '--run', RUN], here);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain('### Task `d`');
  });

  it('a failed job pushes its record; its dependents refuse; rerun --remote recovers; integrate completes', () => {
    const r = remote(DAG);
    expect(r.job(['--start']).code).toBe(0);
    expect(r.job(['a']).code).toBe(0);
    const failed = r.job(['b']);
    expect(failed.code).toBe(1);
    expect(r.job(['c']).code).toBe(0);
    // d's needs include b, which has no result: refused before anything runs (exit 2).
    const refused = r.job(['d']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `task d needs b, which has no result on origin for run ${RUN}: run its job first`,
    );
    expect(refused.stderr).not.toMatch(/\n\s+at /);

    const incomplete = r.job(['--integrate']);
    expect(incomplete.code).toBe(1);
    expect(incomplete.stderr).toContain('failed: b; never ran: d');

    const laptop = r.clone();
    const status = cli(['status', '--remote', 'origin', '--run', RUN], laptop);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain(`run ${RUN} (`);
    expect(status.stdout).toMatch(/: failed\n/);
    expect(status.stdout).toMatch(/b\s+failed\s+1/);
    expect(status.stdout).toContain('rerun what failed here: orchestra rerun --failed --remote origin');
    const logs = cli(['logs', 'b', '--run', RUN], laptop);
    expect(logs.stdout).toContain('b is broken here');

    // Fixed here: b and what is downstream of it (d) run again, and are pushed back.
    const rerun = cli(['rerun', 'b', '--remote', 'origin', '--run', RUN], laptop, { FIX_B: '1' });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(cli(['status', '--remote', 'origin', '--run', RUN], laptop).stdout).toContain(
      `integrate it: orchestra job --integrate --run-id ${RUN} --remote origin`,
    );
    const integrated = r.job(['--integrate']);
    expect(integrated.code, integrated.stderr).toBe(0);
    expect(r.files(`refs/heads/orchestra/${RUN}`)).toEqual(EVERY_TASKS_WORK);
    const after = cli(['status', '--remote', 'origin', '--run', RUN], r.clone());
    expect(after.code, after.stdout).toBe(0);
  });

  it('two jobs pushing at once both land', async () => {
    const r = remote(DAG);
    expect(r.job(['--start']).code).toBe(0);
    expect(r.job(['a']).code).toBe(0);
    const both = await Promise.all(
      ['b', 'c'].map(
        (task) =>
          new Promise<number | null>((resolve) => {
            const child = spawn(process.execPath, [CLI, 'job', task, '--run-id', RUN, '--remote', 'origin'], {
              cwd: r.clone(),
              env: { ...process.env, FIX_B: '1' },
              stdio: 'ignore',
            });
            child.on('exit', resolve);
          }),
      ),
    );
    expect(both).toEqual([0, 0]);
    const refs = r.refs();
    for (const task of ['b', 'c']) {
      expect(refs.has(`refs/orchestra/runs/${RUN}/tasks/${task}`)).toBe(true);
      expect(refs.has(`refs/orchestra/runs/${RUN}/records/${task}`)).toBe(true);
    }
    expect(r.job(['d']).code).toBe(0);
  });

  it('a matrix task runs one combination per job; an approval job is approved by its actor', () => {
    const r = remote(`  m:
    matrix: { n: [1, 2] }
    run: echo \${{ matrix.n }} > m-\${{ matrix.n }}.txt
  ship:
    needs: [m]
    approval: Ship it?
`);
    expect(r.job(['--start']).code).toBe(0);
    expect(r.job(['m', '--matrix', '{"n":2}']).code).toBe(0);
    expect(r.job(['m', '--matrix', '{"n":1}']).code).toBe(0);
    const wrong = r.job(['m', '--matrix', '{"n":3}']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('is no combination of task "m"');
    const ship = r.job(['ship'], { GITHUB_ACTOR: 'alice' });
    expect(ship.code, ship.stderr).toBe(0);
    expect(r.job(['--integrate']).code).toBe(0);
    expect(cli(['status', '--remote', 'origin', '--run', RUN], r.clone()).stdout).toMatch(
      /ship\s+succeeded.*approved by alice/,
    );
    expect(r.files(`refs/heads/orchestra/${RUN}`)).toEqual(['m-1.txt', 'm-2.txt', 'orchestra.yaml']);
  });

  it("a dynamic matrix runs one leg per job, picked from the planner's pushed output; integrate aggregates them", () => {
    const r = remote(PLANNED);
    expect(r.job(['--start']).code).toBe(0);
    expect(r.job(['plan'], { ITEMS: '["x","y"]' }).code).toBe(0);
    const wrong = r.job(['impl', '--matrix', '{"item":"z"}']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('is no combination of task "impl"');
    expect(wrong.stderr).toContain('its combinations: {"item":"x"}, {"item":"y"}');
    expect(r.job(['impl', '--matrix', '{"item":"x"}']).code).toBe(0);
    const broken = r.job(['impl', '--matrix', '{"item":"y"}'], { BREAK: 'y' });
    expect(broken.code, broken.stderr).toBe(1);
    // Each leg pushed only its own refs.
    const refs = r.refs();
    for (const leg of ['impl-x', 'impl-y'])
      expect(refs.has(`refs/orchestra/runs/${RUN}/records/${leg}`)).toBe(true);
    expect(refs.has(`refs/orchestra/runs/${RUN}/records/impl`)).toBe(false);
    // What needs the matrix waits for every leg's result.
    const early = r.job(['final']);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('task final needs impl');
    const failed = r.job(['--integrate']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('failed: impl (1 of 2 instances did not succeed: impl-y)');
    expect(failed.stderr).toContain('never ran: final');
    // GitHub's "Re-run failed jobs": the failed leg again, then what needs the matrix, then integrate.
    expect(r.job(['impl', '--matrix', '{"item":"y"}']).code).toBe(0);
    const final = r.job(['final']);
    expect(final.code, final.stderr).toBe(0);
    expect(r.refs().has(`refs/orchestra/runs/${RUN}/records/impl`)).toBe(false);
    expect(r.files(`refs/orchestra/runs/${RUN}/tasks/final`)).toContain('impl-y.txt');
    const integrated = r.job(['--integrate']);
    expect(integrated.code, integrated.stderr).toBe(0);
    expect(r.files(`refs/heads/orchestra/${RUN}`)).toEqual([
      'final.txt',
      'impl-x.txt',
      'impl-y.txt',
      'orchestra.yaml',
      'plan.txt',
    ]);
    const status = cli(['status', '--remote', 'origin', '--run', RUN], r.clone()).stdout;
    expect(status).toMatch(/impl\s+succeeded/);
    // The integration merged the legs' pushed results: no leg ran again.
    const after = r.refs();
    for (const leg of ['impl-x', 'impl-y'])
      execFileSync(
        'git',
        [
          'merge-base',
          '--is-ancestor',
          after.get(`refs/orchestra/runs/${RUN}/tasks/${leg}`)!,
          `orchestra/${RUN}`,
        ],
        { cwd: r.bare },
      );
  });

  it('tasks GitHub skipped (if: false, an empty dynamic matrix, behind a skipped need) do not fail job --integrate', () => {
    const r = remote(`${PLANNED}  notes:
    needs: [plan]
    if: \${{ tasks.plan.outputs.items != '[]' }}
    run: echo notes > notes.txt
  lonely:
    needs: [plan]
    run: echo lonely > lonely.txt
`);
    expect(r.job(['--start']).code).toBe(0);
    expect(r.job(['plan'], { ITEMS: '[]' }).code).toBe(0);
    // lonely should have run: it is the one task integrate names.
    const missing = r.job(['--integrate']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('never ran: lonely)');
    expect(r.job(['lonely']).code).toBe(0);
    const integrated = r.job(['--integrate']);
    expect(integrated.code, integrated.stderr).toBe(0);
    expect(r.files(`refs/heads/orchestra/${RUN}`)).toEqual(['lonely.txt', 'orchestra.yaml', 'plan.txt']);
    const status = cli(['status', '--remote', 'origin', '--run', RUN], r.clone()).stdout;
    for (const task of ['impl', 'final', 'notes']) expect(status).toMatch(new RegExp(`${task}\\s+skipped`));
  });

  it('the result branch is created or moved from where the run put it, never over one it did not make', () => {
    const r = remote('  a:\n    run: echo a > a.txt\n');
    expect(r.job(['--start']).code).toBe(0);
    expect(r.job(['a']).code).toBe(0);
    const branch = `refs/heads/orchestra/${RUN}`;
    const main = r.refs().get('refs/heads/main')!;
    execFileSync('git', ['update-ref', branch, main], { cwd: r.bare });
    const refused = r.job(['--integrate']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`branch orchestra/${RUN} on origin is not one this run made`);
    expect(r.refs().get(branch)).toBe(main);
    execFileSync('git', ['update-ref', '-d', branch], { cwd: r.bare });
    expect(r.job(['--integrate']).code).toBe(0);
    const result = r.refs().get(branch);
    expect(r.files(branch)).toEqual(['a.txt', 'orchestra.yaml']);
    // Integrated again (after a rerun, say): moved from where the run put it.
    const again = r.job(['--integrate']);
    expect(again.code, again.stderr).toBe(0);
    expect(r.refs().get(branch)).toBe(result);
  });

  it('bad input: exit 2 with a located message, no stack trace', () => {
    const r = remote(DAG);
    const clone = r.clone();
    const noRemote = cli(['job', 'a', '--run-id', RUN, '--remote', 'nowhere'], clone);
    expect(noRemote.code).toBe(2);
    expect(noRemote.stderr).toContain('no git remote "nowhere"');
    const noRun = cli(['job', 'a', '--run-id', RUN, '--remote', 'origin'], clone);
    expect(noRun.code).toBe(2);
    expect(noRun.stderr).toContain(`run ${RUN} is not on origin`);
    expect(r.job(['--start']).code).toBe(0);
    const again = r.job(['--start']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is on origin already');
    const unknown = r.job(['zz']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown task "zz"');
    const statusNoRun = cli(['status', '--remote', 'origin', '--run', 'gha-9-9'], clone);
    expect(statusNoRun.code).toBe(2);
    for (const res of [noRemote, noRun, again, unknown, statusNoRun])
      expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
