import { randomBytes } from 'node:crypto';
import { appendFile } from 'node:fs/promises';

/**
 * Appends `name=value` lines to a `$GITHUB_OUTPUT` file (GitHub's format): a value with a line break
 * in the heredoc form, its delimiter one that occurs nowhere in the value.
 */
export async function appendOutputs(file: string, outputs: Readonly<Record<string, string>>): Promise<void> {
  const lines = Object.entries(outputs).map(([name, value]) => {
    if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
    let delimiter = `ORCHESTRA_EOF_${randomBytes(8).toString('hex')}`;
    while (value.includes(delimiter)) delimiter = `ORCHESTRA_EOF_${randomBytes(8).toString('hex')}`;
    return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  });
  if (lines.length) await appendFile(file, lines.join(''));
}

/** Appends markdown to a `$GITHUB_STEP_SUMMARY` file, apart from what an earlier step wrote. */
export async function appendSummary(file: string, markdown: string): Promise<void> {
  await appendFile(file, `${markdown.endsWith('\n') ? markdown : `${markdown}\n`}\n`);
}
