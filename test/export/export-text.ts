import { loadWorkflow } from '../../src/config/load-workflow.js';
import { exportGithubActions } from '../../src/export/github-actions/export-workflow.js';

/** The export of a workflow file, as `-f workflowPath` from the repository root, or a thrown error. */
export async function exportText(file: string, workflowPath: string): Promise<string> {
  const loaded = await loadWorkflow(file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error.diagnostics));
  const result = exportGithubActions(loaded.value.workflow, { workflowPath, version: '0.1.0' });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}
