import { describe, expect, it } from 'vitest';
import { TaskGraph } from '../../src/graph/task-graph.js';

/** `graph({ b: ['a'] })`: task b needs a; tasks are added in the order of the object. */
const graph = (needs: Record<string, string[]>) =>
  new TaskGraph(Object.entries(needs).map(([id, n]) => ({ id, needs: n })));

/** Asserts `order` holds every task once and every need before the task that needs it. */
function expectTopological(g: TaskGraph, order: string[]) {
  expect([...order].sort()).toEqual([...g.ids].sort());
  for (const id of g.ids)
    for (const n of g.needs(id)) expect(order.indexOf(n)).toBeLessThan(order.indexOf(id));
}

// design → api, ui → ship; docs after api; lint alone.
const app = () =>
  graph({
    design: [],
    api: ['design'],
    ui: ['design'],
    ship: ['api', 'ui'],
    docs: ['api'],
    lint: [],
  });

describe('TaskGraph', () => {
  it('keeps the written order of ids, needs and dependents', () => {
    const g = app();
    expect(g.ids).toEqual(['design', 'api', 'ui', 'ship', 'docs', 'lint']);
    expect(g.needs('ship')).toEqual(['api', 'ui']);
    expect(g.dependents('design')).toEqual(['api', 'ui']);
    expect(g.dependents('api')).toEqual(['ship', 'docs']);
    expect(g.needs('nope')).toEqual([]);
    expect(g.dependents('nope')).toEqual([]);
  });

  it('orders needs first', () => {
    const g = app();
    expectTopological(g, g.topologicalOrder());
    // Written in reverse: the order must still put needs first.
    const reversed = graph({ c: ['b'], b: ['a'], a: [] });
    expect(reversed.topologicalOrder()).toEqual(['a', 'b', 'c']);
  });

  it('ignores needs of tasks that do not exist and self-needs (the validator reports those)', () => {
    const g = graph({ a: ['ghost', 'a'], b: ['a', 'ghost'] });
    expect(g.needs('a')).toEqual([]);
    expect(g.needs('b')).toEqual(['a']);
    expect(g.cycles()).toEqual([]);
    expect(g.topologicalOrder()).toEqual(['a', 'b']);
  });

  it('has roots and sinks in the written order', () => {
    const g = app();
    expect(g.roots()).toEqual(['design', 'lint']);
    expect(g.sinks()).toEqual(['ship', 'docs', 'lint']);
  });

  it('finds no cycle in a DAG', () => {
    expect(app().cycles()).toEqual([]);
  });

  it('gives a cycle as a path where each task needs the one before it', () => {
    // a needs c, b needs a, c needs b: a → b → c → a.
    const g = graph({ c: ['b'], a: ['c'], b: ['a'], free: ['a'] });
    expect(g.cycles()).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('gives one path per strongly connected component, each a real cycle', () => {
    const g = graph({ x: ['y'], y: ['x'], p: ['r'], q: ['p'], r: ['q', 'x'], ok: [] });
    const cycles = g.cycles();
    expect(cycles.map((c) => [...c].sort().join())).toEqual(expect.arrayContaining(['x,x,y', 'p,p,q,r']));
    expect(cycles).toHaveLength(2);
    for (const path of cycles) {
      expect(path[0]).toBe(path.at(-1));
      for (let i = 1; i < path.length; i++) expect(g.needs(path[i]!)).toContain(path[i - 1]);
    }
  });

  it('finds ancestors and descendants, excluding the start unless reached', () => {
    const g = app();
    expect([...g.ancestors(['ship'])].sort()).toEqual(['api', 'design', 'ui']);
    expect([...g.ancestors(['docs', 'lint'])].sort()).toEqual(['api', 'design']);
    expect([...g.ancestors(['design'])]).toEqual([]);
    expect([...g.descendants(['design'])].sort()).toEqual(['api', 'docs', 'ship', 'ui']);
    expect([...g.descendants(['ui'])]).toEqual(['ship']);
    // ui is reached from design, so it is included although it is also a start.
    expect([...g.descendants(['design', 'ui'])].sort()).toEqual(['api', 'docs', 'ship', 'ui']);
  });

  it('selects tasks with everything they need, needs first (make targets)', () => {
    const g = app();
    const docs = g.selectWithNeeds(['docs']);
    expect(docs).toEqual(['design', 'api', 'docs']);
    const both = g.selectWithNeeds(['ship', 'lint']);
    expect([...both].sort()).toEqual(['api', 'design', 'lint', 'ship', 'ui']);
    const sub = graph(Object.fromEntries(both.map((id) => [id, [...g.needs(id)]])));
    expectTopological(sub, both);
    expect(g.selectWithNeeds([])).toEqual([]);
  });

  it('computes the remaining chain length of every task, itself included', () => {
    const g = app();
    expect(Object.fromEntries(g.remainingLengths())).toEqual({
      design: 3,
      api: 2,
      ui: 2,
      ship: 1,
      docs: 1,
      lint: 1,
    });
    const weights: Record<string, number> = { design: 1, api: 1, ui: 10, ship: 2, docs: 5, lint: 100 };
    expect(Object.fromEntries(g.remainingLengths((id) => weights[id]!))).toEqual({
      design: 13,
      api: 6,
      ui: 12,
      ship: 2,
      docs: 5,
      lint: 100,
    });
  });

  it('finds the critical path: the heaviest chain from a root to a sink', () => {
    const g = app();
    expect(g.criticalPath()).toEqual(['design', 'api', 'ship']);
    const weights: Record<string, number> = { design: 1, api: 1, ui: 10, ship: 2, docs: 5, lint: 1 };
    expect(g.criticalPath((id) => weights[id]!)).toEqual(['design', 'ui', 'ship']);
    expect(g.criticalPath((id) => (id === 'lint' ? 50 : 1))).toEqual(['lint']);
    expect(graph({}).criticalPath()).toEqual([]);
  });

  it('handles a long chain and a wide fan-out', () => {
    const chain = graph(
      Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`c${i}`, i ? [`c${i - 1}`] : []])),
    );
    expect(chain.criticalPath()).toHaveLength(500);
    expect(chain.topologicalOrder()).toEqual(chain.ids);
    expect(chain.ancestors(['c499']).size).toBe(499);
    const fan = graph({
      root: [],
      ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`f${i}`, ['root']])),
    });
    expect(fan.sinks()).toHaveLength(300);
    expect(fan.descendants(['root']).size).toBe(300);
  });
});
