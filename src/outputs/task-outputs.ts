import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';
import { parseOutputs } from './parse-outputs.js';

/** The most an output file may hold: values go into prompts and run.json, not files. */
const MAX_BYTES = 1024 * 1024;

/**
 * Makes the attempt's `ORCHESTRA_OUTPUT` file empty. It lives in the run folder, outside the
 * sandbox, so nothing the task writes there is committed, and each attempt starts without the
 * outputs of the one before.
 */
export async function resetOutputFile(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, '');
}

/** The outputs the attempt wrote, or why they cannot be read. */
export async function readOutputFile(path: string): Promise<Result<Record<string, string>, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // A task may remove the file it was given: it then has no outputs.
    if (code === 'ENOENT') return ok({});
    return err(`cannot read ORCHESTRA_OUTPUT (${path}): ${code ?? String(e)}`);
  }
  if (Buffer.byteLength(text) > MAX_BYTES) return err(`ORCHESTRA_OUTPUT (${path}) holds more than 1 MiB`);
  const parsed = parseOutputs(text);
  return parsed.ok ? parsed : err(`ORCHESTRA_OUTPUT (${path}) ${parsed.error}`);
}
