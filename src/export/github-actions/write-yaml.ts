import { basename } from 'node:path';
import { Document, isNode } from 'yaml';
import type { Workflow } from '../../config/workflow.js';
import type { PlacedComment } from './export-workflow.js';
import type { Job } from './task-job.js';

/**
 * The workflow file's text. Keys are written in the order the objects were built (a fixed order),
 * long lines are never folded and scripts are literal blocks, so the same input gives the same bytes.
 */
export function writeWorkflowYaml({
  workflow,
  jobs,
  header,
  comments,
}: {
  workflow: Workflow;
  jobs: Record<string, Job>;
  header: string;
  comments: readonly PlacedComment[];
}): string {
  const inputs = Object.fromEntries(
    Object.entries(workflow.vars).map(([name, value]) => [
      name,
      { description: `orchestra variable "${name}"`, required: false, default: value, type: 'string' },
    ]),
  );
  const doc = new Document({
    name: `orchestra ${exportName(workflow)}`,
    on: { workflow_dispatch: Object.keys(inputs).length ? { inputs } : null },
    // Jobs push task branches, records and the result branch; nothing else.
    permissions: { contents: 'write' },
    // Two dispatches on one ref queue instead of racing on the same result branch.
    concurrency: { group: 'orchestra-${{ github.workflow }}-${{ github.ref }}', 'cancel-in-progress': false },
    jobs: Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, ordered(job)])),
  });
  doc.commentBefore = header;
  for (const c of comments) {
    const node: unknown = doc.getIn(c.path, true);
    if (isNode(node)) node.commentBefore = c.text;
  }
  return doc.toString({ lineWidth: 0, blockQuote: 'literal', nullStr: '' });
}

const JOB_KEYS = ['needs', 'if', 'runs-on', 'environment', 'strategy', 'outputs', 'steps'] as const;

/** A job's keys in one order, whatever order they were set in. */
function ordered(job: Job): Record<string, unknown> {
  return Object.fromEntries(JOB_KEYS.filter((k) => job[k] !== undefined).map((k) => [k, job[k]]));
}

/** The workflow's `name:`, else its file's name without the extension. */
export function exportName(workflow: Workflow): string {
  return workflow.raw.name ?? basename(workflow.file).replace(/\.[^.]*$/, '');
}
