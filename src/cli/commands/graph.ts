import type { GraphFormat } from '../../graph/render-graph.js';
import { renderGraph } from '../../graph/render-graph.js';
import type { WorkflowOptions } from '../load.js';
import { loadOrExit } from '../load.js';

/** `orchestra graph`: the DAG as text, mermaid, dot or json. */
export async function graphCommand(opts: WorkflowOptions & { format: GraphFormat }): Promise<number> {
  const { workflow, graph } = await loadOrExit(opts);
  process.stdout.write(renderGraph(workflow, graph, opts.json ? 'json' : opts.format));
  return 0;
}
