import dagre from '@dagrejs/dagre';
import type { EdgeLabel, GraphLabel, NodeLabel } from '@dagrejs/dagre';
import type { Layout, LayoutRequest } from './layout.js';

/**
 * Lays a run's DAG out with dagre, away from the page: a few hundred tasks take dagre seconds on a
 * busy machine, and the page must paint and answer the keyboard meanwhile.
 */
self.onmessage = (e: MessageEvent<LayoutRequest>) => {
  const { tasks, needs, node } = e.data;
  const g = new dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>();
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 44, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of tasks) g.setNode(id, { width: node.width, height: node.height });
  for (const id of tasks) for (const need of needs[id] ?? []) g.setEdge(need, id);
  dagre.layout(g);
  const layout: Layout = {
    width: g.graph().width ?? 0,
    height: g.graph().height ?? 0,
    nodes: Object.fromEntries(tasks.map((id) => [id, { x: g.node(id).x ?? 0, y: g.node(id).y ?? 0 }])),
    edges: g.edges().map((edge) => ({ from: edge.v, to: edge.w, points: g.edge(edge).points ?? [] })),
  };
  self.postMessage(layout);
};
