import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkflow } from '../../src/config/load-workflow.js';
import type { LoadedWorkflow } from '../../src/config/load-workflow.js';
import { graphJson, renderGraph } from '../../src/graph/render-graph.js';

const file = fileURLToPath(new URL('../fixtures/valid/diamond.yaml', import.meta.url));
let loaded: LoadedWorkflow;

beforeAll(async () => {
  const r = await loadWorkflow(file);
  if (!r.ok) throw new Error(`fixture ${file} does not load: ${JSON.stringify(r.error.diagnostics)}`);
  loaded = r.value;
});

const render = (format: 'json' | 'mermaid' | 'dot' | 'text') =>
  renderGraph(loaded.workflow, loaded.graph, format);

const EDGES = [
  ['design', 'api'],
  ['design', 'ui'],
  ['api', 'ship'],
  ['ui', 'ship'],
];

describe('renderGraph', () => {
  it('json has the documented shape, exactly', () => {
    const task = (id: string, rest: object) => ({ id, needs: [], dependents: [], verify: [], ...rest });
    expect(JSON.parse(render('json'))).toEqual({
      version: 1,
      workflow: 'diamond',
      file,
      tasks: [
        task('design', {
          kind: 'agent',
          role: 'author',
          agent: 'claude',
          dependents: ['api', 'ui'],
          level: 0,
        }),
        task('api', {
          kind: 'agent',
          role: 'author',
          agent: 'claude',
          needs: ['design'],
          dependents: ['ship'],
          verify: ['test'],
          level: 1,
        }),
        task('ui', {
          kind: 'agent',
          role: null,
          agent: 'codex',
          needs: ['design'],
          dependents: ['ship'],
          level: 1,
        }),
        task('ship', { kind: 'command', role: null, agent: null, needs: ['api', 'ui'], level: 2 }),
        task('lint.all', { kind: 'command', role: null, agent: null, level: 0 }),
      ],
      edges: EDGES.map(([from, to]) => ({ from, to })),
      order: ['design', 'api', 'ui', 'ship', 'lint.all'],
      roots: ['design', 'lint.all'],
      sinks: ['ship', 'lint.all'],
      criticalPath: ['design', 'api', 'ship'],
    });
    expect(render('json')).toBe(`${JSON.stringify(graphJson(loaded.workflow, loaded.graph), null, 2)}\n`);
  });

  it('mermaid declares every task and contains every edge', () => {
    const out = render('mermaid');
    expect(out.split('\n')[0]).toBe('flowchart TD');
    for (const [from, to] of EDGES) expect(out).toContain(`  t_${from} --> t_${to}\n`);
    expect(out.match(/-->/g)).toHaveLength(EDGES.length);
    expect(out).toContain('t_design["design<br/><small>author</small>"]');
    expect(out).toContain('t_ship["ship<br/><small>run</small>"]');
    // '.' is not allowed in a mermaid id: it is escaped, and the label keeps the real id.
    expect(out).toContain('t_lint_46_all["lint.all<br/><small>run</small>"]');
  });

  it('dot declares every task and contains every edge', () => {
    const out = render('dot');
    expect(out.startsWith('digraph "diamond" {\n')).toBe(true);
    expect(out.trimEnd().endsWith('}')).toBe(true);
    for (const [from, to] of EDGES) expect(out).toContain(`  "${from}" -> "${to}";\n`);
    expect(out.match(/->/g)).toHaveLength(EDGES.length);
    for (const id of loaded.graph.ids) expect(out).toContain(`  "${id}" [label=`);
  });

  it('text lists the tasks in order, unindented, with what each needs and the critical path starred', () => {
    expect(render('text')).toBe(
      [
        'diamond: 5 tasks in an order they can run (← what a task needs, * the critical path: the longest chain of needs)',
        '* design (author)',
        '* api (author)  ← design  [verify: test]',
        '  ui (codex)  ← design',
        '* ship (run)  ← api, ui',
        '  lint.all (run)',
        '',
      ].join('\n'),
    );
  });
});

describe('renderGraph of a 50,000-task chain', () => {
  const n = 50_000;
  let chain: LoadedWorkflow;
  beforeAll(async () => {
    const tasks: string[] = [];
    for (let i = 0; i < n; i++) tasks.push(`  t${i}:\n    run: echo\n${i ? `    needs: [t${i - 1}]\n` : ''}`);
    const dir = mkdtempSync(join(tmpdir(), 'orchestra-chain-'));
    writeFileSync(join(dir, 'chain.yaml'), `tasks:\n${tasks.join('')}`);
    const r = await loadWorkflow(join(dir, 'chain.yaml'));
    rmSync(dir, { recursive: true });
    if (!r.ok) throw new Error(JSON.stringify(r.error.diagnostics[0]));
    chain = r.value;
  }, 120_000);

  it.each(['text', 'mermaid', 'dot', 'json'] as const)('%s grows linearly with the tasks', (format) => {
    const out = renderGraph(chain.workflow, chain.graph, format);
    // Each task's id, its one need and the format's punctuation: a few hundred bytes, not O(n).
    expect(out.length / n).toBeLessThan(400);
  });
});
