import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadWorkflow } from '../../src/config/load-workflow.js';
import { exportGithubActions } from '../../src/export/github-actions/export-workflow.js';
import { githubErrors } from './github-parser.js';
import { exportText } from './export-text.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every example workflow: examples/<name>/orchestra.yaml and the quickstart's project. */
function exampleFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== 'node_modules') walk(join(dir, e.name));
      else if (e.name === 'orchestra.yaml') found.push(join(dir, e.name));
    }
  };
  walk(join(ROOT, 'examples'));
  return found.sort();
}

/** The multi-repository example: its export is refused (tested below). */
const MULTI_REPO = join(ROOT, 'examples/multi-repo/orchestra.yaml');

describe('export github-actions', () => {
  const examples = exampleFiles().filter((f) => f !== MULTI_REPO);

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  it.each(examples.map((f) => [relative(ROOT, f)]))(
    "%s: GitHub's own parser accepts the export",
    async (file) => {
      const text = await exportText(join(ROOT, file), file);
      expect(await githubErrors(text)).toEqual([]);
    },
  );

  it('refuses a task in another repository, at its `repo:`, rather than write a file that fails', async () => {
    const loaded = await loadWorkflow(MULTI_REPO);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error.diagnostics));
    const result = exportGithubActions(loaded.value.workflow, { workflowPath: 'x.yaml', version: '0.1.0' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const app = [...loaded.value.workflow.tasks.values()].filter((t) => t.repo !== undefined);
    expect(app.length).toBeGreaterThan(0);
    expect(result.error.map((e) => e.path)).toEqual(app.map((t) => ['tasks', t.id, 'repo']));
    expect(result.error[0]!.message).toContain("covers tasks of the workflow's own repository only");
  });

  it("GitHub's parser does find errors (the check above can fail)", async () => {
    const text = await exportText(join(ROOT, 'examples/planner-matrix/orchestra.yaml'), 'x.yaml');
    const badId = await githubErrors(text.replace('  plan:\n', '  plan.x:\n'));
    expect(badId.join('\n')).toMatch(/identifier 'plan\.x' is invalid/);
    const badContext = await githubErrors(text.replace('needs.start.outputs.run_id', 'nowhere.run_id'));
    expect(badContext.join('\n')).toMatch(/Unrecognized named-value: 'nowhere'/);
  });

  it('a snapshot of the planner-matrix export', async () => {
    const file = 'examples/planner-matrix/orchestra.yaml';
    await expect(await exportText(join(ROOT, file), file)).toMatchFileSnapshot(
      '__snapshots__/planner-matrix.yml',
    );
  });

  it('exports the same bytes twice', async () => {
    for (const f of examples) {
      const rel = relative(ROOT, f);
      expect(await exportText(f, rel)).toBe(await exportText(f, rel));
    }
  });

  it('jobs mirror the graph: needs, matrices, approvals, conditions, agents and secrets', async () => {
    const { text, jobs } = await exportOf<
      'start' | 'plan' | 'build_x' | 'test' | 'ship' | 'notes' | 'review' | 'integrate'
    >(`
version: 1
name: shapes
vars: { mode: fast }
budget: { usd: 5 }
agents:
  claude: { concurrency: 2 }
  mine: { command: [my-agent, '\${{ prompt }}'] }
roles:
  dev: { agent: claude }
  reviewer: { agent: codex }
tasks:
  plan:
    role: dev
    prompt: plan
  build.x:
    role: dev
    needs: [plan]
    if: \${{ tasks.plan.outputs.go == 'yes' && vars.mode != 'slow' }}
    prompt: build
  test:
    run: npm test -w \${{ matrix.pkg }}
    needs: [build.x]
    matrix: { pkg: [core, cli], node: [20, 22], exclude: [{ pkg: cli, node: 20 }], include: [{ pkg: web, node: 22 }] }
  ship:
    approval: Ship it?
    needs: [test]
  notes:
    agent: mine
    needs: [ship]
    if: \${{ always() && tasks.plan.summary != '' }}
    prompt: notes
  review:
    role: reviewer
    needs: [notes]
    if: \${{ tasks.plan.outputs.go == 'yes' }}
    prompt: review
`);
    expect(Object.keys(jobs)).toEqual([
      'start',
      'plan',
      'build_x',
      'test',
      'ship',
      'notes',
      'review',
      'integrate',
    ]);
    expect(jobs.build_x.needs).toEqual(['start', 'plan']);
    expect(jobs.build_x.if).toBe("${{ needs.plan.outputs.go == 'yes' && inputs.mode != 'slow' }}");
    expect(jobs.plan.outputs).toEqual({ go: '${{ steps.orchestra.outputs.go }}' });
    expect(jobs.test.strategy).toEqual({
      'fail-fast': false,
      matrix: {
        pkg: ['core', 'cli'],
        node: [20, 22],
        include: [{ pkg: 'web', node: 22 }],
        exclude: [{ pkg: 'cli', node: 20 }],
      },
    });
    expect(jobs.test.needs).toEqual(['start', 'build_x']);
    // GitHub's needs context holds direct needs only: a job reading an output of an indirect need
    // needs its job too.
    expect(jobs.review.needs).toEqual(['start', 'notes', 'plan']);
    expect(jobs.ship.environment).toBe('orchestra-approval');
    // Reads what GitHub has no equivalent for: the job starts and orchestra decides.
    expect(jobs.notes.if).toBe('${{ !cancelled() }}');
    expect(text).toContain('task notes\'s if: reads "tasks.plan.summary"');
    expect(text).toContain('# Add a step here installing mine (an agent given by a command).');
    expect(text).toContain('budget (usd 5)');
    // Exactly the CLIs each job starts; credentials only from secrets.
    expect(install(jobs.plan)).toBe('npm install -g orchestra@0.1.0 @anthropic-ai/claude-code');
    expect(install(jobs.test)).toBe('npm install -g orchestra@0.1.0');
    expect(install(jobs.review)).toBe('npm install -g orchestra@0.1.0 @openai/codex');
    expect(lastStep(jobs.review).env).toEqual({
      RUN_ID: '${{ needs.start.outputs.run_id }}',
      OPENAI_API_KEY: '${{ secrets.OPENAI_API_KEY }}',
    });
    expect(lastStep(jobs.test).run).toBe(
      'orchestra job test --run-id "$RUN_ID" --remote origin -f orchestra.yaml --matrix "$MATRIX_JSON"',
    );
    expect(lastStep(jobs.start).run).toContain('--var "mode=$VAR_mode"');
    expect(jobs.integrate.needs).toEqual(['start', 'plan', 'build_x', 'test', 'ship', 'notes', 'review']);
    expect(await githubErrors(text)).toEqual([]);
  });

  it('a dynamic matrix GitHub cannot compute is an error at its key', async () => {
    const loaded = await loadFrom(`
version: 1
tasks:
  plan: { run: 'true' }
  each:
    needs: [plan]
    matrix: { item: '\${{ fromJSON(tasks.plan.summary) }}' }
    run: echo \${{ matrix.item }}
`);
    const result = exportGithubActions(loaded, { workflowPath: 'orchestra.yaml', version: '0.1.0' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error[0]).toMatchObject({ code: 'export', path: ['tasks', 'each', 'matrix', 'item'] });
  });
});

interface JobShape {
  needs?: string[];
  if?: string;
  environment?: string;
  strategy?: unknown;
  outputs?: Record<string, string>;
  steps: { run?: string; env?: Record<string, string> }[];
}

const install = (job: JobShape) => job.steps.find((s) => s.run?.startsWith('npm install'))?.run;
const lastStep = (job: JobShape) => job.steps[job.steps.length - 1]!;

async function loadFrom(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'orchestra-export-'));
  writeFileSync(join(dir, 'orchestra.yaml'), yaml);
  const loaded = await loadWorkflow(join(dir, 'orchestra.yaml'));
  rmSync(dir, { recursive: true });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error.diagnostics));
  return loaded.value.workflow;
}

async function exportOf<J extends string>(
  yaml: string,
): Promise<{ text: string; jobs: Record<J, JobShape> }> {
  const result = exportGithubActions(await loadFrom(yaml), {
    workflowPath: 'orchestra.yaml',
    version: '0.1.0',
  });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return { text: result.value, jobs: (parse(result.value) as { jobs: Record<J, JobShape> }).jobs };
}
