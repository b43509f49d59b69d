import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LoadedWorkflow, LoadOptions } from '../src/config/load-workflow.js';
import { loadWorkflow } from '../src/config/load-workflow.js';

// The committed example workflows and this repository's own orchestra.yaml load without a
// diagnostic, and keep the shape their comments describe.

const file = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

async function load(path: string, opts: LoadOptions = {}): Promise<LoadedWorkflow> {
  const loaded = await loadWorkflow(file(path), opts);
  if (!loaded.ok) {
    throw new Error(
      loaded.error.diagnostics.map((d) => `${JSON.stringify(d.location)} ${d.message}`).join('\n'),
    );
  }
  return loaded.value;
}

const roleOf = (w: LoadedWorkflow, task: string) => w.workflow.roles.get(w.workflow.tasks.get(task)!.role!)!;
const gateRuns = (w: LoadedWorkflow) =>
  Object.fromEntries([...w.workflow.gates].map(([name, g]) => [name, g.run.source]));

describe('examples', () => {
  it('tdd-review: tests → implementer who may not edit them → reviewer and security auditor in parallel', async () => {
    const w = await load('examples/tdd-review/orchestra.yaml');
    expect(w.graph.topologicalOrder().slice(0, 2)).toEqual(['tests', 'implement']);
    expect(w.graph.needs('implement')).toEqual(['tests']);
    expect([...w.graph.dependents('implement')].sort()).toEqual(['review', 'security']);
    expect(w.graph.sinks().sort()).toEqual(['review', 'security']);
    expect(roleOf(w, 'implement').forbid).toContain('test/**');
    expect(roleOf(w, 'tests').allow).toContain('test/**');
    for (const t of ['review', 'security']) expect(roleOf(w, t).forbid).toEqual(['**']);
    expect(roleOf(w, 'review').agent).toBe('claude');
    expect(roleOf(w, 'security').agent).toBe('codex');
    expect(w.workflow.tasks.get('implement')!.verify).toContain('test');
    expect(w.workflow.tasks.get('implement')!.retries).toBeGreaterThan(0);
    expect(w.workflow.integrate.verify).toEqual(['test']);
  });

  it('multi-repo: library tasks in their repository, the app adopts from another through templates', async () => {
    const w = await load('examples/multi-repo/orchestra.yaml');
    const lib = w.workflow.repos.get('lib')!;
    expect([lib.path, lib.base, lib.verify]).toEqual([file('examples/mathlib'), 'main', ['lib-test']]);
    const repoOf = (t: string) => w.workflow.tasks.get(t)!.repo ?? 'self';
    expect(['add-fn', 'release-notes', 'adopt', 'docs'].map(repoOf)).toEqual(['lib', 'lib', 'self', 'self']);
    expect(w.workflow.tasks.get('add-fn')!.sandbox.setup.map((s) => s.source)).toEqual(['npm ci']);
    expect(w.graph.needs('adopt')).toEqual(['add-fn']);
    expect(w.workflow.tasks.get('adopt')!.prompt!.source).toContain('${{ tasks.add-fn.summary }}');
    expect(w.workflow.integrate.verify).toEqual(['app-test']);
  });

  it("writer-reviewer: the reviewer's verdict feeds the revision", async () => {
    const w = await load('examples/writer-reviewer/orchestra.yaml');
    expect(w.graph.topologicalOrder()).toEqual(['draft', 'review', 'revise']);
    expect(roleOf(w, 'draft').name).toBe(roleOf(w, 'revise').name);
    expect(roleOf(w, 'review').forbid).toEqual(['**']);
    expect(w.workflow.tasks.get('revise')!.prompt!.source).toContain('${{ tasks.review.summary }}');
  });

  it('refactor: a specialist gated by the existing tests, with retries, after a green baseline', async () => {
    const w = await load('examples/refactor/orchestra.yaml');
    const refactor = w.workflow.tasks.get('refactor')!;
    expect(refactor.verify).toEqual(['typecheck', 'lint', 'test']);
    expect(refactor.retries).toBeGreaterThanOrEqual(1);
    expect(refactor.requireChanges).toBe(true);
    expect(roleOf(w, 'refactor').forbid).toEqual(expect.arrayContaining(['test/**', 'package.json']));
    expect(w.workflow.tasks.get('baseline')!.kind).toBe('command');
    expect(w.graph.needs('refactor')).toEqual(['baseline']);
  });

  it('fan-out: one task per package from the same prompt, then an aggregate over all of them', async () => {
    const w = await load('examples/fan-out/orchestra.yaml', { vars: { change: 'drop Node 18' } });
    const packages = ['api', 'web', 'worker'];
    expect(w.graph.roots().sort()).toEqual(packages);
    expect([...w.graph.needs('aggregate')].sort()).toEqual(packages);
    expect(w.graph.sinks()).toEqual(['aggregate']);
    const prompts = packages.map((p) => w.workflow.tasks.get(p)!.prompt!.source);
    expect(new Set(prompts).size).toBe(1);
    expect(prompts[0]).toContain('${{ task.id }}');
    expect(w.workflow.vars.change).toBe('drop Node 18');
  });

  it('planner-matrix: a planner whose output decides the fan-out, then one review of it all', async () => {
    const w = await load('examples/planner-matrix/orchestra.yaml');
    // One node for the implementers until the planner has run.
    expect(w.graph.topologicalOrder()).toEqual(['plan', 'implement', 'review']);
    const implement = w.workflow.tasks.get('implement')!;
    expect(implement.matrix!.axes.pkg).toBe('${{ fromJSON(tasks.plan.outputs.packages) }}');
    expect(implement.if).toContain('tasks.plan.outputs.packages');
    expect(implement.prompt!.source).toContain('${{ matrix.pkg }}');
    expect(implement.prompt!.source).toContain('${{ tasks.plan.outputs.notes }}');
    expect(w.graph.needs('review')).toEqual(['implement']);
    expect(w.workflow.matrixLimit).toBe(12);
    for (const t of ['plan', 'review']) expect(roleOf(w, t).forbid).toEqual(['**']);
  });

  it("orchestra.yaml: this repository's own workflow, gated by what CI runs", async () => {
    const w = await load('orchestra.yaml');
    expect(gateRuns(w)).toEqual({
      lint: 'npm run lint',
      typecheck: 'npm run typecheck',
      format: 'npm run format:check',
      test: 'npm run build --silent && npx vitest run',
    });
    expect(w.workflow.sandbox.link).toEqual(['node_modules']);
    expect(w.graph.topologicalOrder()).toEqual(['tests', 'implement', 'review']);
    expect(roleOf(w, 'implement').forbid).toContain('test/fixtures/invalid/*.expected.txt');
    expect(roleOf(w, 'review').forbid).toEqual(['**']);
    expect(w.workflow.tasks.get('implement')!.verify).toEqual(['lint', 'typecheck', 'format', 'test']);
    for (const role of w.workflow.roles.values()) expect(role.agent).toBe('claude');
  });

  it('every example is found by discovery from its own folder', async () => {
    for (const dir of ['tdd-review', 'writer-reviewer', 'refactor', 'fan-out', 'planner-matrix']) {
      const loaded = await loadWorkflow(undefined, { cwd: file(`examples/${dir}`) });
      expect(loaded.ok && loaded.value.workflow.file).toBe(file(`examples/${dir}/orchestra.yaml`));
    }
  });
  it('best-of: three candidates across two agents, judged by a reviewer role', async () => {
    const w = await load('examples/best-of/orchestra.yaml');
    const bestOf = w.workflow.tasks.get('feature')!.bestOf!;
    expect(bestOf.candidates).toEqual([{}, { agent: 'codex' }, { model: 'claude-opus-4-1' }]);
    expect(bestOf.pick).toEqual({ role: 'reviewer' });
  });

  it('resolver: two parallel tasks merged by a third, with a resolver role for conflicts', async () => {
    const w = await load('examples/resolver/orchestra.yaml');
    expect(w.graph.needs('wire-up')).toEqual(['api', 'cli']);
    expect(w.workflow.integrate.resolve).toEqual({ role: 'merger', retries: 1 });
  });
});
