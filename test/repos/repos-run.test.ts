import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEADER } from '../support/run-fixture.js';
import { ReposFixture } from './repos-fixture.js';

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
    // Not pushed without --push; and nobody's checkout changed.
    expect(fx.gitIn(fx.appOrigin, 'branch', '--list', branch)).toBe('');
    expect(fx.checkouts()).toEqual(before);
  });
});
