import { basename } from 'node:path';
import type { LoadedWorkflow } from './load-workflow.js';
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type { YamlPath } from './source-document.js';

/**
 * Where paths of a loaded workflow are in its file, for a problem found after loading (the
 * workflow of a package.json is its `orchestra` key). The position-keeping parser (the yaml
 * package) is loaded only then: a run that finds no problem has no use for it.
 */
export async function workflowLocator({
  workflow,
  source,
}: LoadedWorkflow): Promise<(path: YamlPath) => SourceLocation> {
  const { SourceDocument } = await import('./source-document.js');
  const root = basename(workflow.file) === 'package.json' ? ['orchestra'] : [];
  const doc = new SourceDocument(workflow.file, source, root);
  return (path) => doc.locate(path);
}
