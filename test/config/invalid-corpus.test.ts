import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadWorkflow } from '../../src/config/load-workflow.js';
import { formatDiagnostics } from '../../src/diagnostics/format-diagnostics.js';

// The corpus: one invalid workflow per concern, each with the exact text a user sees beside it.
// `UPDATE_FIXTURES=1 npx vitest run test/config/invalid-corpus.test.ts` rewrites the expected files;
// read the diff before committing it: the expected files are the spec of the messages.
const dir = fileURLToPath(new URL('../fixtures/invalid', import.meta.url));
const update = process.env.UPDATE_FIXTURES === '1';
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** What the user sees, made independent of where the checkout lives. */
async function formatted(name: string): Promise<{ text: string; count: number }> {
  const result = await loadWorkflow(join(dir, name), { cwd: dir });
  if (result.ok) throw new Error(`${name} loaded without errors, but it is in the invalid corpus`);
  const { diagnostics, sources } = result.error;
  const text = formatDiagnostics(diagnostics, { sources, color: false, cwd: dir });
  // Some messages name absolute paths (file: references); the checkout's location must not matter.
  return { text: text.replaceAll(dir, '<fixtures>'), count: diagnostics.length };
}

describe('invalid workflow corpus', () => {
  it('holds at least 45 fixtures, each with its expected output and no orphan expectations', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(45);
    const expected = readdirSync(dir).filter((f) => f.endsWith('.expected.txt'));
    const orphans = expected.filter((f) => !fixtures.includes(f.replace(/\.expected\.txt$/, '.yaml')));
    expect(orphans).toEqual([]);
    if (!update) {
      const missing = fixtures.filter((f) => !expected.includes(f.replace(/\.yaml$/, '.expected.txt')));
      expect(missing, 'run with UPDATE_FIXTURES=1 to write them').toEqual([]);
    }
  });

  it.each(fixtures)('%s prints exactly its expected diagnostics', async (name) => {
    const { text } = await formatted(name);
    const expectedFile = join(dir, name.replace(/\.yaml$/, '.expected.txt'));
    if (update) writeFileSync(expectedFile, text);
    expect(text).toBe(readFileSync(expectedFile, 'utf8'));
  });

  it.each(fixtures)('%s has one concern: one mistake, one diagnostic', async (name) => {
    const { count } = await formatted(name);
    expect(count).toBe(1);
  });
});
