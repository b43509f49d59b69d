import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { RawWorkflow } from '../../config/workflow.js';
import { Git } from '../../git/git.js';
import { collectReport } from '../../report/collect-report.js';
import { renderMarkdown } from '../../report/render-markdown.js';
import { ExitCode } from '../exit-codes.js';
import { runOrExit } from '../repo.js';
import { usageError } from '../usage-error.js';
import { effectiveRecord } from './status.js';

/** `orchestra report`: the evidence of a run, from its record and git, as Markdown or JSON. */
export async function reportCommand(opts: {
  run?: string;
  format: 'markdown' | 'json';
  output?: string;
}): Promise<number> {
  const { store, record: raw } = await runOrExit(opts.run);
  const record = effectiveRecord(raw, await store.isLocked());
  const workflow = await store.loadWorkflow();
  const report = await collectReport({
    record,
    state: record.state,
    // Without it the report still stands: only agents, models and write scopes are missing.
    workflow: workflow.ok ? (workflow.value as RawWorkflow) : undefined,
    runDir: store.paths.dir,
    repo: new Git(record.repoRoot),
  });
  const text = opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderMarkdown(report);
  if (opts.output === undefined) {
    process.stdout.write(text);
    return ExitCode.ok;
  }
  const file = resolve(opts.output);
  try {
    await writeFile(file, text);
  } catch (e) {
    usageError(
      `cannot write the report to ${file}: ${(e as Error).message}`,
      'give -o a file in a folder that exists',
    );
  }
  return ExitCode.ok;
}
