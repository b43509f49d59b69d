/** What the graph needs to know of a task. */
export interface GraphNode {
  id: string;
  needs: readonly string[];
}

/**
 * The DAG of tasks: an edge runs from a need to the task that needs it. Unknown needs are ignored
 * here (the validator reports them), so the graph can be built from any workflow.
 *
 * Plain adjacency arrays, built once: the graph never changes, and the scheduler and the rules read
 * it thousands of times. (@dagrejs/graphlib held it before; its edge bookkeeping was a tenth of
 * validating a 2,000-task file, and its recursive topsort and cycle search overflow the stack on
 * chains of a few thousand tasks. It is kept as the oracle of test/graph/task-graph-oracle.test.ts.)
 */
export class TaskGraph {
  readonly #order: readonly string[];
  readonly #needs = new Map<string, readonly string[]>();
  readonly #dependents: ReadonlyMap<string, readonly string[]>;
  #topological: readonly string[] | undefined;

  constructor(nodes: Iterable<GraphNode>) {
    const list = [...nodes];
    this.#order = list.map((n) => n.id);
    const dependents = new Map<string, string[]>(this.#order.map((id) => [id, []]));
    for (const n of list) {
      const needs = [...new Set(n.needs)].filter((need) => need !== n.id && dependents.has(need));
      this.#needs.set(n.id, needs);
      for (const need of needs) dependents.get(need)!.push(n.id);
    }
    this.#dependents = dependents;
  }

  /** Task ids in the order they were written. */
  get ids(): readonly string[] {
    return this.#order;
  }

  /** Direct needs of a task that exist in the graph. */
  needs(id: string): readonly string[] {
    return this.#needs.get(id) ?? [];
  }

  /** Direct dependents of a task. */
  dependents(id: string): readonly string[] {
    return this.#dependents.get(id) ?? [];
  }

  /**
   * Every cycle as a path `[a, b, …, a]` (each task needs the one before it): one path per strongly
   * connected component, which is what a user has to break. A self-need is reported by the rules.
   */
  cycles(): string[][] {
    const next = (id: string) => this.dependents(id);
    return stronglyConnected(next, this.#order)
      .filter((scc) => scc.length > 1)
      .map((scc) => cyclePath(next, scc));
  }

  /**
   * Topological order: needs first, and otherwise the order the tasks were written (a ready task
   * written earlier comes first). Only meaningful when `cycles()` is empty.
   */
  topologicalOrder(): string[] {
    this.#topological ??= this.#kahn();
    return [...this.#topological];
  }

  #kahn(): string[] {
    // Kahn's algorithm with a heap of positions, iteratively: no recursion, whatever the depth.
    const position = new Map(this.#order.map((id, i) => [id, i]));
    const indegree = this.#order.map((id) => this.needs(id).length);
    const ready = new MinHeap();
    indegree.forEach((d, i) => d === 0 && ready.push(i));
    const out: string[] = [];
    for (let i = ready.pop(); i !== undefined; i = ready.pop()) {
      const id = this.#order[i]!;
      out.push(id);
      for (const d of this.dependents(id)) {
        const j = position.get(d)!;
        if (--indegree[j]! === 0) ready.push(j);
      }
    }
    return out;
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

  /**
   * Whether `task` needs `ancestor`, directly or not. The first call computes every task's
   * ancestors as a bitset in topological order (a few hundred thousand word operations for 2,000
   * tasks), so checking thousands of template references stays cheap; tasks on or below a cycle
   * fall back to a walk.
   */
  needsTransitively(task: string, ancestor: string): boolean {
    // Most references name a direct need: answered without building the bitsets at all.
    if (this.needs(task).includes(ancestor)) return true;
    this.#ancestorBits ??= this.#computeAncestorBits();
    const bits = this.#ancestorBits.sets.get(task);
    const i = this.#ancestorBits.index.get(ancestor);
    if (bits && i !== undefined) return (bits[i >> 5]! & (1 << (i & 31))) !== 0;
    return this.ancestors([task]).has(ancestor);
  }

  #ancestorBits: { index: Map<string, number>; sets: Map<string, Uint32Array> } | undefined;

  #computeAncestorBits(): { index: Map<string, number>; sets: Map<string, Uint32Array> } {
    const index = new Map(this.#order.map((id, i) => [id, i]));
    const words = (this.#order.length + 31) >> 5;
    const sets = new Map<string, Uint32Array>();
    for (const id of this.topologicalOrder()) {
      const bits = new Uint32Array(words);
      for (const need of this.needs(id)) {
        const n = index.get(need)!;
        bits[n >> 5]! |= 1 << (n & 31);
        const above = sets.get(need)!;
        for (let w = 0; w < words; w++) bits[w]! |= above[w]!;
      }
      sets.set(id, bits);
    }
    return { index, sets };
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
    const longest = (ids: readonly string[]) =>
      ids.reduce<string | undefined>(
        (best, id) => (best === undefined || remaining.get(id)! > remaining.get(best)! ? id : best),
        undefined,
      );
    const path: string[] = [];
    for (let id = longest(this.roots()); id !== undefined; id = longest(this.dependents(id))) path.push(id);
    return path;
  }

  #reach(start: Iterable<string>, next: (id: string) => readonly string[]): Set<string> {
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

/** Tarjan's strongly connected components, with an explicit stack instead of recursion. */
function stronglyConnected(
  successors: (id: string) => readonly string[],
  nodes: readonly string[],
): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; children: readonly string[]; i: number }[] = [];
    const enter = (node: string) => {
      index.set(node, next);
      low.set(node, next++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, children: successors(node), i: 0 });
    };
    enter(root);
    while (work.length > 0) {
      const top = work.at(-1)!;
      if (top.i < top.children.length) {
        const child = top.children[top.i++]!;
        if (!index.has(child)) enter(child);
        else if (onStack.has(child)) low.set(top.node, Math.min(low.get(top.node)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const scc: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          scc.push(member);
        } while (member !== top.node);
        out.push(scc);
      }
    }
  }
  return out;
}

/** A simple cycle through the smallest node of a strongly connected component (breadth-first inside it). */
function cyclePath(successors: (id: string) => readonly string[], scc: string[]): string[] {
  const inScc = new Set(scc);
  const start = [...scc].sort()[0]!;
  const parent = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const next of successors(node)) {
      if (!inScc.has(next)) continue;
      if (next === start) {
        const back = [node];
        while (back.at(-1) !== start) back.push(parent.get(back.at(-1)!)!);
        return [...back.reverse(), start];
      }
      if (!parent.has(next) && next !== start) {
        parent.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/** A binary min-heap of numbers: enough of a priority queue for ordering ready tasks. */
class MinHeap {
  readonly #a: number[] = [];

  push(item: number): void {
    const a = this.#a;
    a.push(item);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (a[i]! >= a[p]!) break;
      swap(a, i, p);
      i = p;
    }
  }

  pop(): number | undefined {
    const a = this.#a;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    a[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && a[l]! < a[m]!) m = l;
      if (r < a.length && a[r]! < a[m]!) m = r;
      if (m === i) break;
      swap(a, i, m);
      i = m;
    }
    return top;
  }
}

// Not a destructuring swap: that allocates an array per step, and a large DAG takes millions of steps.
function swap(a: number[], i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
