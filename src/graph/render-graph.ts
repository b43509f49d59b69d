import type { Workflow } from '../config/workflow.js';
import type { TaskGraph } from './task-graph.js';

export type GraphFormat = 'text' | 'mermaid' | 'dot' | 'json';

/**
 * The stable JSON shape of `orchestra graph --format json` (version 1). Fields are only ever added.
 * - `tasks`: in the order written; `level` = length of the longest need chain above the task (roots 0).
 * - `edges`: `from` is the need, `to` the task that needs it.
 * - `order`: a topological order; `criticalPath`: the longest chain, root to sink.
 */
export interface GraphJson {
  version: 1;
  workflow: string;
  file: string;
  tasks: {
    id: string;
    kind: 'agent' | 'command' | 'approval';
    role: string | null;
    agent: string | null;
    needs: string[];
    dependents: string[];
    verify: string[];
    level: number;
    /** Across repositories (`repos:`): the task's repository (`self`: the workflow's own). */
    repo?: string;
  }[];
  edges: { from: string; to: string }[];
  order: string[];
  roots: string[];
  sinks: string[];
  criticalPath: string[];
}

/** The graph in one of the supported formats. */
export function renderGraph(workflow: Workflow, graph: TaskGraph, format: GraphFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(graphJson(workflow, graph), null, 2)}\n`;
    case 'mermaid':
      return mermaid(workflow, graph);
    case 'dot':
      return dot(workflow, graph);
    case 'text':
      return text(workflow, graph);
  }
}

export function graphJson(workflow: Workflow, graph: TaskGraph): GraphJson {
  const levels = levelsOf(graph);
  return {
    version: 1,
    workflow: workflow.name,
    file: workflow.file,
    tasks: [...workflow.tasks.values()].map((t) => ({
      id: t.id,
      kind: t.kind,
      role: t.role ?? null,
      agent: t.kind === 'agent' ? (t.agent ?? null) : null,
      needs: [...t.needs],
      dependents: [...graph.dependents(t.id)],
      verify: [...t.verify],
      level: levels.get(t.id) ?? 0,
      ...(workflow.repos.size ? { repo: t.repo ?? 'self' } : {}),
    })),
    edges: graph.ids.flatMap((id) => graph.needs(id).map((from) => ({ from, to: id }))),
    order: graph.topologicalOrder(),
    roots: graph.roots(),
    sinks: graph.sinks(),
    criticalPath: graph.criticalPath(),
  };
}

function levelsOf(graph: TaskGraph): Map<string, number> {
  const levels = new Map<string, number>();
  for (const id of graph.topologicalOrder()) {
    levels.set(id, Math.max(-1, ...graph.needs(id).map((n) => levels.get(n) ?? 0)) + 1);
  }
  return levels;
}

function label(workflow: Workflow, id: string): string {
  const t = workflow.tasks.get(id)!;
  return t.kind === 'command' ? 'run' : t.kind === 'approval' ? 'approval' : (t.role ?? t.agent ?? 'agent');
}

/**
 * One line per task in an order they can run, each naming what it needs. Not indented: a task's
 * level says nothing about which task it needs, and indenting by level makes a long chain's output
 * grow with the square of its length.
 */
function text(workflow: Workflow, graph: TaskGraph): string {
  const critical = new Set(graph.criticalPath());
  const n = graph.ids.length;
  const lines = [
    `${workflow.name}: ${n} task${n === 1 ? '' : 's'} in an order they can run (← what a task needs, * the critical path: the longest chain of needs)`,
  ];
  for (const id of graph.topologicalOrder()) {
    const t = workflow.tasks.get(id)!;
    const needs = t.needs.length ? `  ← ${t.needs.join(', ')}` : '';
    const gates = t.verify.length ? `  [verify: ${t.verify.join(', ')}]` : '';
    const repo = workflow.repos.size ? ` in ${t.repo ?? 'self'}` : '';
    lines.push(`${critical.has(id) ? '*' : ' '} ${id} (${label(workflow, id)})${repo}${needs}${gates}`);
  }
  return `${lines.join('\n')}\n`;
}

// Mermaid and dot ids must be simple: task ids may contain '.' and '-'.
export const nodeId = (id: string) => `t_${id.replace(/[^a-z0-9_]/g, (c) => `_${c.charCodeAt(0)}_`)}`;

function mermaid(workflow: Workflow, graph: TaskGraph): string {
  const lines = ['flowchart TD'];
  // Across repositories, a subgraph per repository.
  for (const [repo, ids] of byRepo(workflow, graph)) {
    const indent = repo === undefined ? '  ' : '    ';
    if (repo !== undefined) lines.push(`  subgraph ${nodeId(`repo-${repo}`)}["${repo}"]`);
    for (const id of ids)
      lines.push(`${indent}${nodeId(id)}["${id}<br/><small>${label(workflow, id)}</small>"]`);
    if (repo !== undefined) lines.push('  end');
  }
  for (const id of graph.ids) for (const n of graph.needs(id)) lines.push(`  ${nodeId(n)} --> ${nodeId(id)}`);
  return `${lines.join('\n')}\n`;
}

function dot(workflow: Workflow, graph: TaskGraph): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = [`digraph ${q(workflow.name)} {`, '  rankdir=LR;', '  node [shape=box];'];
  for (const [repo, ids] of byRepo(workflow, graph)) {
    const indent = repo === undefined ? '  ' : '    ';
    if (repo !== undefined) lines.push(`  subgraph ${q(`cluster_${repo}`)} {`, `    label=${q(repo)};`);
    for (const id of ids) lines.push(`${indent}${q(id)} [label=${q(`${id}\n${label(workflow, id)}`)}];`);
    if (repo !== undefined) lines.push('  }');
  }
  for (const id of graph.ids) for (const n of graph.needs(id)) lines.push(`  ${q(n)} -> ${q(id)};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The tasks by repository (`self` first), or all under `undefined` when the workflow has no `repos:`. */
function byRepo(workflow: Workflow, graph: TaskGraph): Map<string | undefined, string[]> {
  const groups = new Map<string | undefined, string[]>();
  if (workflow.repos.size) for (const name of ['self', ...workflow.repos.keys()]) groups.set(name, []);
  for (const id of graph.ids) {
    const key = workflow.repos.size ? (workflow.tasks.get(id)?.repo ?? 'self') : undefined;
    const ids = groups.get(key);
    if (ids) ids.push(id);
    else groups.set(key, [id]);
  }
  return new Map([...groups].filter(([, ids]) => ids.length > 0));
}
