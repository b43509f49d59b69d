import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

// Usage errors are caught before any command runs: an empty folder is enough.
const dir = mkdtempSync(join(tmpdir(), 'orchestra-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bad command lines exit 2 with the problem on stderr, never a stack trace', () => {
  const cases: [string[], string][] = [
    [['bogus'], "unknown command 'bogus'"],
    [['run', '--bogus'], "unknown option '--bogus'"],
    [['status', 'extra'], "too many arguments for 'status'"],
    [['logs'], "missing required argument 'task'"],
    [['logs', 'a', 'b'], "too many arguments for 'logs'"],
    [['run', '--concurrency', '0'], 'expected a whole number of at least 1'],
    [['run', '--concurrency', '-1'], 'expected a whole number of at least 1'],
    [['run', '--concurrency', 'abc'], 'expected a whole number of at least 1'],
    [['run', '--concurrency', '1.5'], 'expected a whole number of at least 1'],
    [['logs', 'a', '--attempt', '0'], 'expected a whole number of at least 1'],
    [['run', '--keep', 'sometimes'], 'Allowed choices are never, on-failure, always'],
    [['graph', '--format', 'png'], 'Allowed choices are text, mermaid, dot, json'],
    [['validate', '--var', 'novalue'], '--var novalue: expected NAME=value'],
    [['status', '--run'], "option '--run <id>' argument missing"],
  ];
  it.each(cases)('%j', (args, says) => {
    const r = cli(args, dir);
    expect(r.stderr).toContain(says);
    expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
    expect(r.code).toBe(2);
  });
});
