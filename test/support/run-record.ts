import { join } from 'node:path';
import type { RunRecord, TaskRecord } from '../../src/state/run-state.js';

/** A minimal run record of repository `root` for unit tests of the state layer: these tasks, nothing run. */
export function runRecord(root: string, id: string, tasks: Record<string, TaskRecord>): RunRecord {
  return {
    version: 1,
    id,
    workflowFile: join(root, 'orchestra.yaml'),
    workflowName: 'test',
    repoRoot: root,
    sandboxRoot: join(root, 'sandboxes'),
    baseRef: 'HEAD',
    baseCommit: 'a'.repeat(40),
    startedAt: 1,
    selected: Object.keys(tasks),
    vars: {},
    concurrency: 2,
    tasks,
    integration: { status: 'pending', branch: '', tasks: [], gates: [] },
    history: [],
  };
}
