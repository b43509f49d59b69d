import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkflow } from '../../src/config/load-workflow.js';
import { renderGraph, graphJson } from '../../src/graph/render-graph.js';
import { tempRepo, type TempRepo } from '../config/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.remove());

const load = async (yaml: string) => {
  repo = tempRepo();
  return loadWorkflow(repo.write('orchestra.yaml', yaml));
};

const WORKFLOW = `version: 1
sandbox: { copy: [.env] }
repos:
  lib: { path: ../lib, sandbox: { setup: [npm ci], keep: always }, verify: [check] }
  web: { url: "file:///srv/web.git", base: main }
gates:
  check: "true"
tasks:
  api: { repo: lib, run: make api }
  ui: { repo: web, run: make ui, needs: [api], sandbox: { keep: never } }
  docs: { repo: self, run: make docs, needs: [api, ui] }
`;

describe('repos: in the workflow', () => {
  it('gives each task its repository and the repository its sandbox overrides', async () => {
    const r = await load(WORKFLOW);
    if (!r.ok) throw new Error(JSON.stringify(r.error.diagnostics));
    const { workflow } = r.value;
    expect(workflow.repos.get('lib')).toMatchObject({ base: 'HEAD', push: false, verify: ['check'] });
    expect(workflow.repos.get('lib')!.path).toBe(`${repo.root.replace(/\/repo$/, '')}/lib`);
    expect(workflow.repos.get('web')).toMatchObject({ url: 'file:///srv/web.git', base: 'main' });
    const api = workflow.tasks.get('api')!;
    expect([api.repo, api.sandbox.keep, api.sandbox.setup.map((s) => s.source), api.sandbox.copy]).toEqual([
      'lib',
      'always',
      ['npm ci'],
      ['.env'],
    ]);
    // A task's own overrides go over its repository's; `repo: self` is the workflow's own.
    expect(workflow.tasks.get('ui')!.sandbox.keep).toBe('never');
    expect(workflow.tasks.get('docs')!.repo).toBeUndefined();
  });

  it('draws a subgraph per repository (Mermaid, DOT) and names the repository in text and JSON', async () => {
    const r = await load(WORKFLOW);
    if (!r.ok) throw new Error(JSON.stringify(r.error.diagnostics));
    const { workflow, graph } = r.value;
    const mermaid = renderGraph(workflow, graph, 'mermaid');
    expect(mermaid).toContain('subgraph t_repo_45_lib["lib"]\n    t_api["api');
    expect(mermaid).toContain('subgraph t_repo_45_self["self"]\n    t_docs["docs');
    const dot = renderGraph(workflow, graph, 'dot');
    expect(dot).toContain('subgraph "cluster_web" {\n    label="web";\n    "ui"');
    expect(renderGraph(workflow, graph, 'text')).toMatch(/ ui \(run\) in web {2}← api/);
    expect(graphJson(workflow, graph).tasks.map((t) => t.repo)).toEqual(['lib', 'web', 'self']);
  });

  it('reports an unknown repository, one with both or neither of path and url, and unknown gates, located', async () => {
    const r = await load(`version: 1
repos:
  lib: { path: ../lib, url: "file:///x" }
  web: { base: main, verify: [nope] }
tasks:
  t: { repo: libb, run: "true" }
`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const shown = r.error.diagnostics.map((d) => `${d.location?.line}:${d.path} ${d.message}`);
    expect(shown).toEqual([
      '3:repos.lib repository "lib" needs exactly one of "path" and "url"',
      '4:repos.web repository "web" needs exactly one of "path" and "url"',
      '4:repos.web.verify[0] unknown gate "nope"',
      '6:tasks.t.repo unknown repository "libb" (did you mean "lib"?)',
    ]);
  });

  it('refuses a none or jj sandbox in a repository given by url (its clone is bare)', async () => {
    const r = await load(`version: 1
repos:
  web: { url: "file:///srv/web.git", sandbox: { type: none } }
tasks:
  t: { repo: web, run: "true" }
`);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.diagnostics.map((d) => `${d.location?.line}:${d.path} ${d.message}`)).toEqual([
        '5:tasks.t.repo task "t" has a none sandbox, which a repository given by url cannot have',
      ]);
  });

  it('keeps self for the workflow own repository', async () => {
    const r = await load(`version: 1
repos:
  self: { path: . }
tasks:
  t: { run: "true" }
`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.diagnostics[0]!.path).toBe('repos');
  });
});
