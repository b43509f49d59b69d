import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Saves what an attempt is told (an agent's prompt, a `run:` task's command) next to its log, before
 * it starts: `orchestra logs <task> --prompt` shows it, also for an attempt that never ended.
 */
export async function savePrompt(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text.endsWith('\n') ? text : `${text}\n`);
}
