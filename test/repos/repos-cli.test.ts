import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import type { RunRecord } from '../../src/state/run-state.js';
import { cli, LiveCli } from '../support/cli.js';
import { HEADER } from '../support/run-fixture.js';
import { ReposFixture } from './repos-fixture.js';

let fx: ReposFixture;
afterEach(() => fx?.cleanup());

const env = () => ({ XDG_CACHE_HOME: fx.cache });
const orchestra = (...args: string[]) => cli(args, fx.repo, env());
const record = (runId: string) =>
  JSON.parse(orchestra('status', '--json', '--run', runId).stdout) as RunRecord & { state: string };
const branchesIn = (dir: string) =>
  fx.gitIn(dir, 'branch', '--list', 'orchestra/*', '--format=%(refname:short)');

/** A library task, an app task in the URL repository that needs it, and notes in the workflow's own. */
const workflow = (appStep = '') => `${HEADER}repos:
  lib: { path: lib }
  app: { url: APP_URL }
tasks:
  lib-api: { repo: lib, agent: bot, prompt: add the api }
  app-use: { repo: app, agent: bot, needs: [lib-api], prompt: "use: \${{ tasks.lib-api.summary }}"${appStep} }
  notes: { agent: bot, needs: [app-use], prompt: notes }
`;

describe('orchestra across repositories (CLI)', () => {
  it('blocks dependents of a failure in another repository; rerun reuses the other repository, status and clean cover all', () => {
    fx = new ReposFixture();
    const before = fx.checkouts();
    const file = fx.setup(workflow().replace('APP_URL', fx.appUrl), {
      'lib-api': [{ write: { 'api.js': 'api\n' }, say: 'lib has api()' }],
      'app-use': [{ exit: 1 }, { write: { 'use.js': 'use\n' } }],
      notes: [{ write: { 'notes.md': 'notes\n' } }],
    });
    const first = orchestra('run', '-f', file, '--json');
    expect(first.code).toBe(1);
    const runId = (JSON.parse(first.stdout.split('\n')[0]!) as { runId: string }).runId;
    let r = record(runId);
    expect([r.tasks['lib-api']!.status, r.tasks['app-use']!.status, r.tasks.notes!.status]).toEqual([
      'succeeded',
      'failed',
      'blocked',
    ]);
    expect(r.tasks.notes!.blockedBy).toBe('app-use');
    const text = orchestra('status', '--run', runId).stdout;
    expect(text).toMatch(/REPO\s+TASK/);
    expect(text).toMatch(/lib\s+lib-api\s+succeeded/);
    expect(text).toContain(`orchestra/tasks/${runId}/lib-api`);

    // The rerun takes lib-api's result as it is: its agent does not run again.
    const rerun = orchestra('rerun', 'app-use', '-f', file, '--run', runId);
    expect(rerun.code).toBe(0);
    expect(fx.invocations().map((i) => i.task)).toEqual(['lib-api', 'app-use', 'app-use', 'notes']);
    expect(fx.invocations().find((i) => i.task === 'app-use' && i.attempt === 2)!.prompt).toContain(
      'use: lib has api()',
    );
    r = record(runId);
    const branch = r.integration.branch;
    expect(r.repos!.lib!.integration.status).toBe('succeeded');
    expect(r.repos!.app!.integration.status).toBe('succeeded');
    expect(rerun.stderr).toContain(`result in lib: branch ${branch}`);
    expect(rerun.stderr).toContain(`git -C ${fx.lib} log --oneline`);
    expect(fx.gitIn(fx.lib, 'show', `${branch}:api.js`)).toBe('api');
    expect(fx.gitIn(r.repos!.app!.root, 'show', `${branch}:use.js`)).toBe('use');
    expect(orchestra('status', '--run', runId).stdout).toContain(`result in app: ${branch}`);

    const clean = orchestra('clean', '--run', runId, '--branches');
    expect(clean.code).toBe(0);
    for (const dir of [fx.repo, fx.lib, r.repos!.app!.root]) expect(branchesIn(dir)).toBe('');
    expect(fx.checkouts()).toEqual(before);
  });

  it('resumes a run killed with SIGKILL while a task of another repository ran', async () => {
    fx = new ReposFixture();
    const before = fx.checkouts();
    const file = fx.setup(workflow().replace('APP_URL', fx.appUrl), {
      'lib-api': [{ write: { 'api.js': 'api\n' } }],
      // The resumed attempt is the interrupted one again: it sleeps long enough to be killed first.
      'app-use': [{ sleepMs: 5_000, write: { 'use.js': 'use\n' } }],
      notes: [{ write: { 'notes.md': 'notes\n' } }],
    });
    const run = new LiveCli(['run', '-f', file], fx.repo, env());
    await run.waitFor((e) => e.type === 'task-started' && e.task === 'app-use');
    run.child.kill('SIGKILL');
    await run.exited;
    const runId = (run.events[0] as Extract<EngineEvent, { type: 'run-started' }>).runId;
    expect(record(runId).state).toBe('interrupted');
    const resumed = orchestra('resume', '-f', file, '--run', runId);
    expect(resumed.code).toBe(0);
    const r = record(runId);
    expect(fx.gitIn(r.repos!.app!.root, 'show', `${r.integration.branch}:use.js`)).toBe('use');
    expect(fx.invocations().filter((i) => i.task === 'lib-api')).toHaveLength(1);
    // Nothing of the killed attempt's sandbox is left in the other repositories once cleaned.
    expect(orchestra('clean', '--run', runId).code).toBe(0);
    for (const dir of [fx.lib, r.repos!.app!.root])
      expect(fx.gitIn(dir, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    expect(fx.checkouts()).toEqual(before);
  });

  it('pushes the result branch of a URL repository with --push, and never over a branch of the user', () => {
    fx = new ReposFixture();
    const yaml = workflow()
      .replace('APP_URL', fx.appUrl)
      .replace('tasks:', 'integrate: { branch: result }\ntasks:');
    const steps = {
      'lib-api': [{ write: { 'api.js': 'api\n' } }],
      'app-use': [{ write: { 'use.js': 'use\n' } }],
      notes: [{ write: { 'notes.md': 'notes\n' } }],
    };
    const file = fx.setup(yaml, steps);
    const pushed = orchestra('run', '-f', file, '--push');
    expect(pushed.code).toBe(0);
    expect(pushed.stderr).toContain(`(pushed to ${fx.appUrl})`);
    expect(fx.gitIn(fx.appOrigin, 'show', 'result:use.js')).toBe('use');

    // The user commits on the pushed branch: the next run may not replace it.
    fx.gitIn(fx.appOrigin, 'branch', '-f', 'result', 'main');
    const second = orchestra('run', '-f', file, '--push');
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/no result branch in app: cannot push result/);
    expect(fx.gitIn(fx.appOrigin, 'rev-parse', 'result')).toBe(fx.gitIn(fx.appOrigin, 'rev-parse', 'main'));
  });

  it('reports a bad repository as a located error before any task starts (exit 2)', () => {
    fx = new ReposFixture();
    writeFileSync(join(fx.root, 'not-a-repo'), '');
    const cases: [string, string, RegExp][] = [
      [
        '  lib: { path: lib }\n  app: { url: APP_URL }',
        'wat',
        /orchestra\.yaml:\d+:\d+.*unknown repository "wat"/,
      ],
      [
        '  lib: { path: nowhere }\n  app: { url: APP_URL }',
        'lib',
        /orchestra\.yaml:\d+:\d+.*nowhere is not a git repository/,
      ],
      [
        '  lib: { path: lib }\n  app: { url: "file:///no/such/repo" }',
        'app',
        /orchestra\.yaml:\d+:\d+.*cannot fetch file:\/\/\/no\/such\/repo/,
      ],
      [
        '  lib: { path: lib, base: nope }\n  app: { url: APP_URL }',
        'lib',
        /orchestra\.yaml:\d+:\d+.*the base ref "nope" does not resolve/,
      ],
      [
        '  lib: { path: lib }\n  app: { url: APP_URL, base: nope }',
        'app',
        /orchestra\.yaml:\d+:\d+.*the base ref "nope" does not resolve/,
      ],
    ];
    for (const [repos, repo, message] of cases) {
      const file = fx.setup(
        `${HEADER}repos:\n${repos.replace('APP_URL', fx.appUrl)}\ntasks:\n  t: { repo: ${repo}, agent: bot, prompt: x }\n`,
      );
      const r = orchestra('run', '-f', file);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(2);
    }
    expect(fx.invocations()).toEqual([]);
  });

  it("names each repository and its base commit in --dry-run, and each task's repository in graph", () => {
    fx = new ReposFixture();
    const file = fx.setup(workflow().replace('APP_URL', fx.appUrl));
    const plan = orchestra('run', '-f', file, '--dry-run');
    expect(plan.code).toBe(0);
    const libHead = fx.gitIn(fx.lib, 'rev-parse', 'HEAD').slice(0, 10);
    const appHead = fx.gitIn(fx.appOrigin, 'rev-parse', 'HEAD').slice(0, 10);
    expect(plan.stdout).toContain(`repo lib: from HEAD (${libHead}) in ${fx.lib}`);
    expect(plan.stdout).toContain(`repo app: from HEAD (${appHead}) in ${fx.appUrl}`);
    expect(plan.stdout).toMatch(/app-use: agent bot\n\s+repo: app; needs: lib-api/);
    const graph = orchestra('graph', '-f', file, '--format', 'mermaid');
    expect(graph.stdout).toContain('subgraph t_repo_45_app["app"]');
    expect(fx.invocations()).toEqual([]);
  });
});
