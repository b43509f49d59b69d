import { alg, Graph } from '@dagrejs/graphlib';

/** What the graph needs to know of a task. */
export interface GraphNode {
  id: string;
  needs: readonly string[];
}

/**
 * The DAG of tasks: an edge runs from a need to the task that needs it. Unknown needs are ignored
 * here (the validator reports them), so the graph can be built from any workflow.
 */
export class TaskGraph {
  readonly #g = new Graph({ directed: true });
  readonly #order: readonly string[];

  constructor(nodes: Iterable<GraphNode>) {
    const list = [...nodes];
    for (const n of list) this.#g.setNode(n.id);
    for (const n of list) {
      for (const need of n.needs) if (this.#g.hasNode(need) && need !== n.id) this.#g.setEdge(need, n.id);
    }
    this.#order = list.map((n) => n.id);
  }

  /** Task ids in the order they were written. */
  get ids(): readonly string[] {
    return this.#order;
  }

  /** Direct needs of a task that exist in the graph. */
  needs(id: string): string[] {
    return this.#g.predecessors(id) ?? [];
  }

  /** Direct dependents of a task. */
  dependents(id: string): string[] {
    return this.#g.successors(id) ?? [];
  }

  /**
   * Every cycle as a path `[a, b, …, a]` (each task needs the one before it). One path per strongly
   * connected component, which is what a user has to break.
   */
  cycles(): string[][] {
    const selfLoops = this.#order.filter((id) => this.#g.hasEdge(id, id));
    return [
      ...alg.findCycles(this.#g).map((scc) => cyclePath(this.#g, scc)),
      ...selfLoops.map((id) => [id, id]),
    ];
  }

  /** Topological order (needs first). Only meaningful when `cycles()` is empty. */
  topologicalOrder(): string[] {
    return alg.topsort(this.#g);
  }

  roots(): string[] {
    return this.#order.filter((id) => this.needs(id).length === 0);
  }

  sinks(): string[] {
    return this.#order.filter((id) => this.dependents(id).length === 0);
  }

  /** Every task that the given ones need, directly or not (excluding the given ones unless reached). */
  ancestors(ids: Iterable<string>): Set<string> {
    return this.#reach(ids, (id) => this.needs(id));
  }

  /** Every task that needs one of the given ones, directly or not. */
  descendants(ids: Iterable<string>): Set<string> {
    return this.#reach(ids, (id) => this.dependents(id));
  }

  /** The given tasks and everything they need: make-target semantics, in topological order. */
  selectWithNeeds(ids: Iterable<string>): string[] {
    const wanted = new Set(ids);
    for (const a of this.ancestors(wanted)) wanted.add(a);
    return this.topologicalOrder().filter((id) => wanted.has(id));
  }

  /**
   * For each task, the length of the longest chain from it to a sink, itself included, weighted by
   * `weight` (default 1 per task). The scheduler starts the ready task with the longest remaining
   * chain first: that is what keeps the makespan near the critical path.
   */
  remainingLengths(weight: (id: string) => number = () => 1): Map<string, number> {
    const out = new Map<string, number>();
    for (const id of this.topologicalOrder().reverse()) {
      const below = Math.max(0, ...this.dependents(id).map((d) => out.get(d) ?? 0));
      out.set(id, below + weight(id));
    }
    return out;
  }

  /** The longest chain of the DAG (by `weight`), from a root to a sink. */
  criticalPath(weight: (id: string) => number = () => 1): string[] {
    const remaining = this.remainingLengths(weight);
    const longest = (ids: string[]) =>
      ids.reduce<string | undefined>(
        (best, id) => (best === undefined || remaining.get(id)! > remaining.get(best)! ? id : best),
        undefined,
      );
    const path: string[] = [];
    for (let id = longest(this.roots()); id !== undefined; id = longest(this.dependents(id))) path.push(id);
    return path;
  }

  #reach(start: Iterable<string>, next: (id: string) => string[]): Set<string> {
    const seen = new Set<string>();
    const stack = [...start].flatMap(next);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...next(id));
    }
    return seen;
  }
}

/** A simple cycle through the first node of a strongly connected component, by DFS inside it. */
function cyclePath(g: Graph, scc: string[]): string[] {
  const inScc = new Set(scc);
  const start = [...scc].sort()[0]!;
  const path = [start];
  const visited = new Set([start]);
  const dfs = (node: string): boolean => {
    for (const next of g.successors(node) ?? []) {
      if (!inScc.has(next)) continue;
      if (next === start) return path.push(start) > 0;
      if (visited.has(next)) continue;
      visited.add(next);
      path.push(next);
      if (dfs(next)) return true;
      path.pop();
    }
    return false;
  };
  dfs(start);
  return path;
}
