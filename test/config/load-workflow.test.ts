import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkflow } from '../../src/config/load-workflow.js';
import type { LoadedWorkflow, LoadFailure } from '../../src/config/load-workflow.js';
import { renderTemplate } from '../../src/config/template.js';
import type { Template } from '../../src/config/template.js';
import { formatDiagnostics } from '../../src/diagnostics/format-diagnostics.js';
import type { Result } from '../../src/util/result.js';
import { tempRepo } from './temp-repo.js';
import type { TempRepo } from './temp-repo.js';

const valid = fileURLToPath(new URL('../fixtures/valid', import.meta.url));
const invalid = fileURLToPath(new URL('../fixtures/invalid', import.meta.url));

function loaded(r: Result<LoadedWorkflow, LoadFailure>): LoadedWorkflow {
  if (!r.ok) {
    const text = formatDiagnostics(r.error.diagnostics, { sources: r.error.sources, color: false, cwd: '/' });
    throw new Error(`expected the workflow to load:\n${text}`);
  }
  return r.value;
}

function failed(r: Result<LoadedWorkflow, LoadFailure>): LoadFailure {
  if (r.ok) throw new Error('expected the workflow to fail to load');
  return r.error;
}

const render = (t: Template | undefined, values: Record<string, string> = {}) =>
  t && renderTemplate(t, (expr) => values[expr] ?? `<${expr}>`);

describe('loadWorkflow on valid workflows', () => {
  it('fills in the defaults of a minimal workflow', async () => {
    const { workflow, graph, source } = loaded(await loadWorkflow(join(valid, 'minimal.yaml')));
    expect(source).toBe('tasks:\n  hello:\n    run: echo hello\n');
    expect(workflow.file).toBe(join(valid, 'minimal.yaml'));
    expect(workflow.name).toBe('valid/minimal.yaml');
    expect(workflow.vars).toEqual({});
    expect(workflow.concurrency).toBeGreaterThanOrEqual(1);
    expect(workflow.sandbox).toEqual({
      type: 'worktree',
      base: 'HEAD',
      copy: [],
      link: [],
      setup: [],
      keep: 'on-failure',
      isolation: 'auto',
      network: [],
      readDeny: [],
      write: [],
    });
    expect(workflow.integrate.strategy).toBe('merge');
    expect(workflow.integrate.tasks).toBeUndefined();
    expect(render(workflow.integrate.branch, { 'run.id': 'r1' })).toBe('orchestra/r1');
    const hello = workflow.tasks.get('hello')!;
    expect(hello).toMatchObject({ id: 'hello', kind: 'command', needs: [], verify: [], retries: 0 });
    expect(render(hello.run)).toBe('echo hello');
    expect(hello.prompt).toBeUndefined();
    expect(graph.ids).toEqual(['hello']);
  });

  it('loads the example of SPEC.md section 2 with everything resolved', async () => {
    const { workflow, graph } = loaded(await loadWorkflow(join(valid, 'spec-example.yaml')));
    expect(workflow.name).toBe('auth-feature');
    expect(workflow.vars).toEqual({ spec: 'docs/auth.md' });
    expect(workflow.concurrency).toBe(3);
    expect(workflow.sandbox).toMatchObject({
      type: 'worktree',
      base: 'main',
      copy: ['.env', '.env.local'],
      link: ['node_modules'],
      keep: 'on-failure',
    });
    expect(workflow.sandbox.setup.map((t) => t.source)).toEqual(['npm ci']);
    expect([...workflow.tasks.keys()]).toEqual(['auth-tests', 'auth-impl', 'security-audit', 'docs']);

    expect(workflow.agents.get('claude')).toMatchObject({ concurrency: 2 });
    expect(workflow.agents.get('fake')!.command!.map((t) => render(t, { prompt: 'P' }))).toEqual([
      'node',
      'scripts/agent.js',
      'P',
    ]);
    expect(workflow.roles.get('implementer')!.forbid).toEqual(['test/**']);
    // file: references are read relative to the workflow, and templates inside them are parsed.
    expect(render(workflow.roles.get('reviewer')!.instructions, { 'vars.spec': 'docs/auth.md' })).toBe(
      'You review changes for security problems in docs/auth.md.\n\nReport what you find; change nothing.\n',
    );
    expect(workflow.raw.roles?.reviewer?.instructions).toContain('You review changes for security problems');
    expect(workflow.gates.get('test')).toMatchObject({ timeoutMs: 600_000 });
    expect(render(workflow.gates.get('lint')!.run)).toBe('npm run lint');

    const impl = workflow.tasks.get('auth-impl')!;
    expect(impl).toMatchObject({ kind: 'agent', role: 'implementer', agent: 'claude', retries: 2 });
    expect(impl.verify).toEqual(['lint', 'test']);
    expect(render(impl.prompt, { 'vars.spec': 'S', 'tasks.auth-tests.summary': 'done' })).toBe(
      'Implement S. Upstream said: done',
    );
    expect(workflow.tasks.get('security-audit')).toMatchObject({ role: 'reviewer', agent: 'codex' });
    expect(workflow.tasks.get('docs')).toMatchObject({ kind: 'command', needs: ['auth-impl'] });

    expect(graph.roots()).toEqual(['auth-tests']);
    expect(graph.sinks()).toEqual(['security-audit', 'docs']);
    expect(workflow.integrate).toMatchObject({ strategy: 'merge', verify: ['test'] });
  });

  it('resolves a relative file against cwd', async () => {
    const { workflow } = loaded(await loadWorkflow('minimal.yaml', { cwd: valid }));
    expect(workflow.file).toBe(join(valid, 'minimal.yaml'));
  });

  it('reports a file that does not exist', async () => {
    const { diagnostics } = failed(await loadWorkflow('nope.yaml', { cwd: valid }));
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'config-not-found',
        message: `${join(valid, 'nope.yaml')} does not exist`,
      },
    ]);
  });
});

describe('--var overrides', () => {
  const file = join(valid, 'spec-example.yaml');

  it('override a declared variable', async () => {
    const { workflow } = loaded(await loadWorkflow(file, { vars: { spec: 'docs/other.md' } }));
    expect(workflow.vars).toEqual({ spec: 'docs/other.md' });
  });

  it('reject an undeclared variable, with a suggestion and what is declared', async () => {
    const { diagnostics, sources } = failed(await loadWorkflow(file, { vars: { specs: 'x', zzz: 'y' } }));
    expect(diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      [
        'unknown-var',
        '--var specs: the workflow declares no variable "specs" (did you mean "spec"?)',
        'declared: spec',
      ],
      ['unknown-var', '--var zzz: the workflow declares no variable "zzz"', 'declared: spec'],
    ]);
    expect(formatDiagnostics(diagnostics.slice(1), { sources, color: false, cwd: valid })).toBe(
      'error --var zzz: the workflow declares no variable "zzz"\n  hint: declared: spec\n\n1 error\n',
    );
  });

  it('refuse one that makes the result branch an invalid name, located at integrate.branch', async () => {
    const branchFile = join(invalid, 'integrate-branch-from-var.yaml');
    // The file's default is invalid too: a valid value given with --var makes it load.
    expect(loaded(await loadWorkflow(branchFile, { vars: { topic: 'ok' } })).workflow.vars.topic).toBe('ok');
    for (const [value, problem] of [
      ['a..b', 'it contains ".."'],
      ['x/.y', 'its part ".y-<run-id>" starts with "."'],
      ['a@{1}', 'it contains "@{"'],
    ]) {
      const { diagnostics } = failed(await loadWorkflow(branchFile, { vars: { topic: value! } }));
      expect(diagnostics.map((d) => [d.code, d.path, d.location?.line])).toEqual([
        ['bad-branch-name', 'integrate.branch', 8],
      ]);
      expect(diagnostics[0]!.message).toContain(`with vars.topic = "${value}" (from --var)`);
      expect(diagnostics[0]!.message).toContain(problem);
    }
  });

  it('take a variable named like an Object property: __proto__, constructor', async () => {
    const repo = tempRepo();
    const yaml = repo.write(
      'orchestra.yaml',
      'vars:\n  __proto__: p\n  constructor: c\ntasks:\n  a:\n    run: echo ${{ vars.__proto__ }} ${{ vars.constructor }}\n',
    );
    const declared = loaded(await loadWorkflow(yaml)).workflow.vars;
    expect(Object.entries(declared)).toEqual([
      ['__proto__', 'p'],
      ['constructor', 'c'],
    ]);
    const vars = Object.fromEntries([['__proto__', 'given']]) as Record<string, string>;
    const given = loaded(await loadWorkflow(yaml, { vars })).workflow.vars;
    repo.remove();
    expect(Object.entries(given)).toEqual([
      ['__proto__', 'given'],
      ['constructor', 'c'],
    ]);
  });

  it('take the values of a recorded run over the defaults, and --var over both', async () => {
    const recordedVars = { spec: 'docs/recorded.md', gone: 'a variable the workflow no longer declares' };
    const recorded = loaded(await loadWorkflow(file, { recordedVars }));
    expect({ ...recorded.workflow.vars }).toEqual({ spec: 'docs/recorded.md' });
    const given = loaded(await loadWorkflow(file, { recordedVars, vars: { spec: 'docs/given.md' } }));
    expect({ ...given.workflow.vars }).toEqual({ spec: 'docs/given.md' });
  });

  it('reject any variable when none is declared, saying where to declare it', async () => {
    const { diagnostics } = failed(await loadWorkflow(join(valid, 'minimal.yaml'), { vars: { spec: 'x' } }));
    expect(diagnostics.map((d) => d.hint)).toEqual(['declare it under "vars:" first']);
  });
});

describe('discovery', () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.remove());
  const minimal = (id: string) => `tasks:\n  ${id}:\n    run: echo ${id}\n`;

  it.each(['orchestra.yaml', 'orchestra.yml', '.orchestra.yaml', '.config/orchestra.yaml'])(
    'finds %s',
    async (place) => {
      repo = tempRepo();
      const file = repo.write(place, minimal('found'));
      const { workflow } = loaded(await loadWorkflow(undefined, { cwd: repo.root }));
      expect(workflow.file).toBe(file);
      expect([...workflow.tasks.keys()]).toEqual(['found']);
    },
  );

  it('finds package.json#orchestra (the fixture) and locates diagnostics inside package.json', async () => {
    const { workflow } = loaded(await loadWorkflow(undefined, { cwd: join(valid, 'package-json') }));
    expect(workflow.file).toBe(join(valid, 'package-json', 'package.json'));
    expect([...workflow.tasks.keys()]).toEqual(['build', 'test']);

    repo = tempRepo();
    repo.write(
      'package.json',
      JSON.stringify(
        { name: 'x', orchestra: { tasks: { build: { run: 'make', needs: ['bulid'] } } } },
        null,
        2,
      ),
    );
    const { diagnostics } = failed(await loadWorkflow(undefined, { cwd: repo.root }));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'unknown-task',
      path: 'tasks.build.needs[0]',
      location: { file: join(repo.root, 'package.json'), line: 8, col: 11, length: 7 },
    });
  });

  it('skips a package.json without an "orchestra" key', async () => {
    repo = tempRepo();
    const file = repo.write('orchestra.yaml', minimal('top'));
    const sub = repo.mkdir('packages/app');
    repo.write('packages/app/package.json', '{ "name": "app" }\n');
    const { workflow } = loaded(await loadWorkflow(undefined, { cwd: sub }));
    expect(workflow.file).toBe(file);
  });

  it('searches from a subfolder up to the repository root, the nearest file winning', async () => {
    repo = tempRepo();
    const top = repo.write('orchestra.yaml', minimal('top'));
    const deep = repo.mkdir('a/b/c');
    expect(loaded(await loadWorkflow(undefined, { cwd: deep })).workflow.file).toBe(top);
    const middle = repo.write('a/.config/orchestra.yaml', minimal('middle'));
    expect(loaded(await loadWorkflow(undefined, { cwd: deep })).workflow.file).toBe(middle);
  });

  it('prefers the search places in order within one folder', async () => {
    repo = tempRepo();
    repo.write('.config/orchestra.yaml', minimal('config'));
    repo.write('.orchestra.yaml', minimal('dot'));
    const yml = repo.write('orchestra.yml', minimal('yml'));
    expect(loaded(await loadWorkflow(undefined, { cwd: repo.root })).workflow.file).toBe(yml);
    const yaml = repo.write('orchestra.yaml', minimal('yaml'));
    expect(loaded(await loadWorkflow(undefined, { cwd: repo.root })).workflow.file).toBe(yaml);
  });

  it('takes an empty orchestra.yaml as the workflow (reported as empty) and a folder of that name as none', async () => {
    repo = tempRepo();
    repo.write('orchestra.yml', minimal('yml'));
    const empty = repo.write('orchestra.yaml', '');
    const { diagnostics } = failed(await loadWorkflow(undefined, { cwd: repo.root }));
    expect(diagnostics[0]?.location?.file ?? diagnostics[0]?.message).toContain(empty);
    rmSync(empty);
    repo.mkdir('orchestra.yaml');
    const yml = join(repo.root, 'orchestra.yml');
    expect(loaded(await loadWorkflow(undefined, { cwd: repo.root })).workflow.file).toBe(yml);
  });

  it('does not look above the repository root', async () => {
    repo = tempRepo();
    repo.write('../orchestra.yaml', minimal('outside'));
    const sub = repo.mkdir('src');
    const { diagnostics } = failed(await loadWorkflow(undefined, { cwd: sub }));
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'config-not-found',
        message: `no workflow found in ${sub} or its parents up to the repository root ${repo.root}`,
        hint: 'create one with "orchestra init", or name it with -f (searched: orchestra.yaml, orchestra.yml, .orchestra.yaml, .config/orchestra.yaml, package.json)',
      },
    ]);
  });

  it('outside a repository says so instead of naming a repository root', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'orchestra-norepo-'));
    try {
      const { diagnostics } = failed(await loadWorkflow(undefined, { cwd: outside }));
      expect(diagnostics[0]?.message).toBe(
        `no workflow found in ${outside} or any folder above it (it is not in a git repository)`,
      );
    } finally {
      rmSync(outside, { recursive: true });
    }
  });

  it('reports an unknown YAML tag and still checks the rest of the file', async () => {
    repo = tempRepo();
    const file = repo.write('orchestra.yaml', 'tasks:\n  a:\n    run: !shell make\n    needs: [b]\n');
    const { diagnostics } = failed(await loadWorkflow(undefined, { cwd: repo.root }));
    expect(diagnostics.map((d) => [d.message, d.location])).toEqual([
      ['unknown tag "!shell"', { file, line: 3, col: 10, length: 6 }],
      ['unknown task "b" (did you mean "a"?)', { file, line: 4, col: 13, length: 1 }],
    ]);
  });

  it('reports a discovered workflow with errors against the discovered file', async () => {
    repo = tempRepo();
    const file = repo.write('.config/orchestra.yaml', 'tasks:\n  a:\n    run: make\n    needs: [b]\n');
    const { diagnostics } = failed(await loadWorkflow(undefined, { cwd: repo.root }));
    expect(diagnostics.map((d) => d.location)).toEqual([{ file, line: 4, col: 13, length: 1 }]);
    expect(dirname(file)).toBe(join(repo.root, '.config'));
  });
});
