import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { formatPath } from '../../diagnostics/diagnostic.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { Git } from '../../git/git.js';
import { noWorkTree } from '../../diagnostics/no-work-tree.js';
import { exportGithubActions } from '../../export/github-actions/export-workflow.js';
import { exportName } from '../../export/github-actions/write-yaml.js';
import { packageFile } from '../../util/package-file.js';
import { Exit, ExitCode } from '../exit-codes.js';
import type { WorkflowOptions } from '../load.js';
import { loadOrExit, printDiagnostics } from '../load.js';

/** `orchestra export github-actions`: the workflow as a GitHub Actions workflow file. */
export async function exportCommand(
  _target: 'github-actions',
  opts: WorkflowOptions & { output?: string },
): Promise<number> {
  const { workflow, source } = await loadOrExit(opts);
  const root = await Git.workTreeOf(dirname(workflow.file));
  if (!root.ok) {
    printDiagnostics([noWorkTree(dirname(workflow.file), root.error)], new Map(), false);
    throw new Exit(ExitCode.usage);
  }
  const { version } = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string };
  const workflowPath = relative(root.value, workflow.file).split(sep).join('/');
  const result = exportGithubActions(workflow, { workflowPath, version });
  if (!result.ok) {
    const { SourceDocument } = await import('../../config/source-document.js');
    const doc = new SourceDocument(workflow.file, source);
    const diagnostics = result.error.map((i): Diagnostic => ({
      severity: 'error',
      code: i.code,
      path: formatPath(i.path),
      message: i.message,
      ...(i.hint ? { hint: i.hint } : {}),
      location: doc.locate(i.path),
    }));
    printDiagnostics(diagnostics, new Map([[workflow.file, source]]), false);
    throw new Exit(ExitCode.usage);
  }
  const target = opts.output
    ? resolve(opts.output)
    : join(root.value, '.github', 'workflows', `orchestra-${fileName(exportName(workflow))}.yml`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, result.value);
  process.stdout.write(`wrote ${relative(process.cwd(), target) || target}\n`);
  return ExitCode.ok;
}

/** The workflow's name as a file name: what a file name should not hold becomes `-`. */
function fileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'workflow';
}
