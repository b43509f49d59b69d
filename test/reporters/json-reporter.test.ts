import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createReporter } from '../../src/reporters/reporter.js';
import { scriptedRun } from './scripted-run.js';

const paths = { repoRoot: '/home/dev/shop', sandboxRoot: '/home/dev/.cache/orchestra/sandboxes' };

describe('json reporter', () => {
  it('writes one NDJSON line per event, each exactly the event, and nothing else', async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const events = scriptedRun(paths, Date.UTC(2025, 0, 15, 12, 1, 0));
    const reporter = createReporter('json', out, {
      color: true,
      cwd: paths.repoRoot,
      repoRoot: paths.repoRoot,
    });

    for (const event of events) reporter.onEvent(event);
    await reporter.close();
    out.end();
    await new Promise((resolve) => out.on('end', resolve));

    const text = chunks.join('');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(events.length);
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(events);
    // Colour and summaries never reach the --json stream, even with color: true.
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('git log');
  });
});
