import type { RunView } from '../server/run-views.js';

/** What the layout worker is given: the tasks, their needs, the size of a node. */
export interface LayoutRequest {
  tasks: readonly string[];
  needs: Record<string, string[]>;
  node: { width: number; height: number };
}

/** Where dagre put each task (its centre) and each edge. */
export interface Layout {
  width: number;
  height: number;
  nodes: Record<string, { x: number; y: number }>;
  edges: { from: string; to: string; points: { x: number; y: number }[] }[];
}

/** The DAG of `view` laid out by dagre in a worker (layout-worker.ts). */
export function layOut(view: RunView, node: LayoutRequest['node']): Promise<Layout> {
  return new Promise((resolve, reject) => {
    const worker = new Worker('/layout-worker.js', { type: 'module' });
    worker.onmessage = (e: MessageEvent<Layout>) => {
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message));
    };
    const request: LayoutRequest = { tasks: view.run.selected, needs: view.needs, node };
    worker.postMessage(request);
  });
}
