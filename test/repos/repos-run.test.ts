import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectIsolation } from '../../src/isolation/detect.js';
import { HEADER } from '../support/run-fixture.js';
import { ReposFixture } from './repos-fixture.js';

const jail = await detectIsolation();
let fx: ReposFixture;
const cacheBefore = process.env.XDG_CACHE_HOME;
beforeEach(() => {
  fx = new ReposFixture();
  process.env.XDG_CACHE_HOME = fx.cache;
});
afterEach(() => {
  if (cacheBefore === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = cacheBefore;
  fx.cleanup();
});

const workflow = (extra = '') => `${HEADER}repos:
  lib: { path: lib, verify: [has-lib] }
  app: { url: APP_URL, base: main, verify: [has-app] }
gates:
  has-lib: test -f api.js
  has-app: test -f use.js
  has-notes: test -f notes.md
tasks:
  lib-api: { repo: lib, agent: bot, prompt: add the api }
  lib-docs: { repo: lib, agent: bot, prompt: document it }
  lib-both: { repo: lib, agent: bot, needs: [lib-api, lib-docs], prompt: both }
  app-use: { repo: app, agent: bot, needs: [lib-api], prompt: "use it: \${{ tasks.lib-api.summary }}" }
  notes: { agent: bot, needs: [app-use, lib-both], prompt: "notes on \${{ tasks.app-use.branch }}" }
integrate:
  verify: [has-notes]
${extra}`;

describe('a workflow across repositories', () => {
  it('runs each task in its repository, merges needs only within one, and makes a verified result branch in each', async () => {
    const before = fx.checkouts();
    const { result } = await fx.run(workflow().replace('APP_URL', fx.appUrl), {
      'lib-api': [{ write: { 'api.js': 'export const api = 1;\n' }, say: 'lib exports api()' }],
      'lib-docs': [{ write: { 'docs.md': 'docs\n' } }],
      'lib-both': [{ write: { 'both.md': 'both\n' } }],
      'app-use': [{ write: { 'use.js': 'import { api } from "lib";\n' } }],
      notes: [{ write: { 'notes.md': 'notes\n' } }],
    });
    const { record } = result;
    expect(result.outcome).toBe('succeeded');
    // The summary of a task in another repository reached the prompt; its files did not.
    const prompts = Object.fromEntries(fx.invocations().map((i) => [i.task, i.prompt]));
    expect(prompts['app-use']).toContain('use it: lib exports api()');
    expect(prompts.notes).toContain(`notes on ${record.tasks['app-use']!.branch}`);
    // One result branch per repository, of that repository's tasks only.
    const branch = record.integration.branch;
    expect(record.repos!.lib!.integration).toMatchObject({
      status: 'succeeded',
      branch,
      tasks: ['lib-both'],
    });
    expect(record.repos!.app!.integration).toMatchObject({ status: 'succeeded', branch, tasks: ['app-use'] });
    expect(record.integration).toMatchObject({ status: 'succeeded', tasks: ['notes'] });
    const lib = (path: string) => fx.gitIn(fx.lib, 'show', `${branch}:${path}`);
    expect([lib('api.js'), lib('docs.md'), lib('both.md'), lib('lib.js')]).toEqual([
      'export const api = 1;',
      'docs',
      'both',
      '// lib.js',
    ]);
    const appClone = record.repos!.app!.root;
    expect(fx.gitIn(appClone, 'show', `${branch}:use.js`)).toContain('import');
    expect(fx.gitIn(appClone, 'ls-tree', '--name-only', branch)).not.toContain('api.js');
    expect(fx.show(branch, 'notes.md')).toBe('notes');
    expect(fx.git('ls-tree', '--name-only', branch)).not.toContain('use.js');
    // Each repository's integration gates log apart.
    expect(record.repos!.lib!.integration.gates.map((g) => g.log)).toEqual([
      'logs/_integration-lib/attempt-0.gate-has-lib.log',
    ]);
    // Not pushed without --push; and nobody's checkout changed.
    expect(fx.gitIn(fx.appOrigin, 'branch', '--list', branch)).toBe('');
    expect(fx.checkouts()).toEqual(before);
  });

  it("applies write scopes relative to the task's repository and runs its gates in its sandbox", async () => {
    const yaml = `${HEADER}repos:
  lib: { path: lib }
roles:
  libdev: { agent: bot, forbid: [lib.js] }
gates:
  has-api: test -f api.js
tasks:
  lib-ok: { repo: lib, role: libdev, prompt: x, verify: [has-api] }
  lib-bad: { repo: lib, role: libdev, prompt: y }
  after: { agent: bot, needs: [lib-bad], prompt: z }
`;
    const { result } = await fx.run(yaml, {
      'lib-ok': [{ write: { 'api.js': 'api\n' } }],
      'lib-bad': [{ write: { 'lib.js': 'changed\n' } }],
    });
    const { tasks } = result.record;
    expect(tasks['lib-ok']!.status).toBe('succeeded');
    expect(tasks['lib-ok']!.attempts[0]!.gates.map((g) => [g.name, g.ok])).toEqual([['has-api', true]]);
    expect(tasks['lib-bad']!.status).toBe('failed');
    expect(tasks['lib-bad']!.failure!.message).toContain('lib.js');
    expect(tasks.after!.status).toBe('blocked');
  });

  it.skipIf(!jail.ok)('runs a task of another repository (path and URL) in the OS sandbox', async () => {
    const yaml = `${HEADER}repos:
  lib: { path: lib }
  app: { url: APP_URL }
tasks:
  lib-t: { repo: lib, run: "echo api > api.js", sandbox: { isolation: os } }
  app-t: { repo: app, run: "echo use > use.js", sandbox: { isolation: os } }
`.replace('APP_URL', fx.appUrl);
    // Command tasks: the scripted agent's log, outside the sandbox, is out of the jail's reach.
    const { result } = await fx.run(yaml);
    expect(result.outcome).toBe('succeeded');
    expect([result.record.tasks['lib-t']!.isolation, result.record.tasks['app-t']!.isolation]).toEqual([
      'os',
      'os',
    ]);
    // The workflow's own repository had no task: it gets no result branch.
    expect(result.record.integration.status).toBe('skipped');
    const branch = result.record.repos!.lib!.integration.branch;
    expect(fx.gitIn(fx.lib, 'show', `${branch}:api.js`)).toBe('api');
    expect(fx.gitIn(result.record.repos!.app!.root, 'show', `${branch}:use.js`)).toBe('use');
  });

  it('reuses a result of another repository with --reuse, on a branch made in that repository', async () => {
    const yaml = `${HEADER}repos:
  lib: { path: lib }
tasks:
  lib-t: { repo: lib, agent: bot, prompt: x }
  own: { agent: bot, needs: [lib-t], prompt: y }
`;
    const steps = { 'lib-t': [{ write: { 'api.js': 'api\n' } }], own: [{ write: { 'own.md': 'own\n' } }] };
    const first = await fx.run(yaml, steps);
    const second = await fx.run(yaml, steps, { reuse: true });
    const reused = second.result.record.tasks['lib-t']!;
    expect([reused.status, reused.reusedFrom]).toEqual(['skipped', first.result.runId]);
    expect(fx.gitIn(fx.lib, 'rev-parse', reused.branch)).toBe(first.result.record.tasks['lib-t']!.commit);
    expect(second.result.record.tasks.own!.reusedFrom).toBe(first.result.runId);
    expect(second.result.outcome).toBe('succeeded');
  });

  it('starts best_of candidates in another repository from their need there', async () => {
    const yaml = `${HEADER}repos:
  lib: { path: lib }
gates:
  has-api: test -f api.js
tasks:
  api: { repo: lib, agent: bot, prompt: a }
  pick: { repo: lib, agent: bot, needs: [api], prompt: b, verify: [has-api], best_of: 2 }
`;
    const { result } = await fx.run(yaml, {
      api: [{ write: { 'api.js': 'api\n' } }],
      'pick/candidate-1': [{ write: { 'one.md': '1\n' } }],
      'pick/candidate-2': [{ write: { 'two.md': '2\n' } }],
    });
    expect(result.outcome).toBe('succeeded');
    const branch = result.record.repos!.lib!.integration.branch;
    expect(fx.gitIn(fx.lib, 'show', `${branch}:api.js`)).toBe('api');
  });
});
