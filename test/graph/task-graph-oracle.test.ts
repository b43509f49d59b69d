import { alg, Graph } from '@dagrejs/graphlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaskGraph } from '../../src/graph/task-graph.js';

// TaskGraph keeps its own adjacency arrays and iterative algorithms (graphlib's recurse and overflow
// on long chains); on small random graphs, where recursion is harmless, graphlib is the reference.

interface Case {
  nodes: { id: string; needs: string[] }[];
}

/** Random task lists: any needs, including duplicates, self-needs, unknown ids and cycles. */
const cases = (acyclic: boolean): fc.Arbitrary<Case> =>
  fc.integer({ min: 1, max: 30 }).chain((n) =>
    fc
      .array(fc.array(fc.integer({ min: 0, max: n + 2 }), { maxLength: 5 }), { minLength: n, maxLength: n })
      .map((needs) => ({
        nodes: needs.map((list, i) => ({
          id: `t${i}`,
          // An acyclic case only needs tasks written before it (unknown ids t<n>… stay in).
          needs: list.filter((j) => !acyclic || j < i || j >= n).map((j) => `t${j}`),
        })),
      })),
  );

/** The same graph in graphlib, edges added in the same order; self-needs and unknown ids dropped. */
function oracle({ nodes }: Case, reversed = false): Graph {
  const g = new Graph({ directed: true });
  for (const n of nodes) g.setNode(n.id);
  for (const n of nodes)
    for (const need of n.needs) {
      if (need === n.id || !g.hasNode(need)) continue;
      if (reversed) g.setEdge(n.id, need);
      else g.setEdge(need, n.id);
    }
  return g;
}

describe('TaskGraph against graphlib', () => {
  it('has the same needs and dependents, in the same order', () => {
    fc.assert(
      fc.property(cases(false), (c) => {
        const ours = new TaskGraph(c.nodes);
        const ref = oracle(c);
        for (const { id } of c.nodes) {
          expect(ours.needs(id)).toEqual(ref.predecessors(id));
          expect(ours.dependents(id)).toEqual(ref.successors(id));
        }
      }),
    );
  });

  it('finds one closed path of real edges in each strongly connected component', () => {
    fc.assert(
      fc.property(cases(false), (c) => {
        const ours = new TaskGraph(c.nodes);
        const ref = oracle(c);
        const cycles = ours.cycles();
        const components = alg.tarjan(ref).filter((scc) => scc.length > 1);
        // One cycle per component (a cycle through part of it: breaking it is the user's first step).
        expect(cycles.length).toBe(components.length);
        expect(cycles.length === 0).toBe(alg.isAcyclic(ref));
        const owner = cycles.map((path) =>
          components.findIndex((scc) => path.every((id) => scc.includes(id))),
        );
        expect([...owner].sort()).toEqual(components.map((_, i) => i));
        for (const path of cycles) {
          expect(path[0]).toBe(path.at(-1));
          for (let i = 1; i < path.length; i++) expect(ref.hasEdge(path[i - 1]!, path[i]!)).toBe(true);
        }
      }),
    );
  });

  it('orders an acyclic graph topologically, like graphlib, and reaches the same tasks', () => {
    fc.assert(
      fc.property(cases(true), fc.array(fc.nat(), { maxLength: 3 }), (c, picks) => {
        const ours = new TaskGraph(c.nodes);
        const ref = oracle(c);
        const rev = oracle(c, true);
        const order = ours.topologicalOrder();
        expect([...order].sort()).toEqual([...alg.topsort(ref)].sort());
        const position = new Map(order.map((id, i) => [id, i]));
        for (const e of ref.edges()) expect(position.get(e.v)!).toBeLessThan(position.get(e.w)!);

        const ids = picks.map((p) => c.nodes[p % c.nodes.length]!.id);
        expect([...new Set([...ours.ancestors(ids), ...ids])].sort()).toEqual(
          [...new Set(alg.preorder(rev, ids))].sort(),
        );
        expect([...new Set([...ours.descendants(ids), ...ids])].sort()).toEqual(
          [...new Set(alg.preorder(ref, ids))].sort(),
        );
        for (const a of ids)
          for (const { id: b } of c.nodes)
            expect(ours.needsTransitively(a, b)).toBe(a !== b && alg.preorder(rev, [a]).includes(b));
      }),
    );
  });

  it('finds a critical path as long as the longest chain graphlib’s order gives', () => {
    fc.assert(
      fc.property(cases(true), (c) => {
        const ours = new TaskGraph(c.nodes);
        const ref = oracle(c);
        const longest = new Map<string, number>();
        for (const id of alg.topsort(ref))
          longest.set(id, 1 + Math.max(0, ...ref.predecessors(id)!.map((p) => longest.get(p)!)));
        const path = ours.criticalPath();
        expect(path.length).toBe(Math.max(...longest.values()));
        for (let i = 1; i < path.length; i++) expect(ref.hasEdge(path[i - 1]!, path[i]!)).toBe(true);
      }),
    );
  });
});
