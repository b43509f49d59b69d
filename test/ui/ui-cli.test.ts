import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, cli } from '../support/cli.js';
import { RunFixture } from '../support/run-fixture.js';

describe('orchestra ui: the command', () => {
  const f = new RunFixture();
  afterAll(() => f.cleanup());

  it('refuses a bad port, and a folder outside a repository, with exit code 2', () => {
    const bad = cli(['ui', '--port', 'x', '--no-open'], f.repo);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected a port number from 0 to 65535');
    const outside = mkdtempSync(join(tmpdir(), 'orchestra-ui-'));
    try {
      const r = cli(['ui', '--no-open'], outside);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toContain('    at ');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('warns when it serves beyond loopback, prints its address, and stops on Ctrl-C', async () => {
    const child = spawn(process.execPath, [CLI, 'ui', '--host', '0.0.0.0', '--no-open'], {
      cwd: f.repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    await new Promise<void>((resolve) =>
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        stdout += c;
        if (stdout.includes('\n')) resolve();
      }),
    );
    expect(stdout).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/\?token=[\w-]{32}\n$/);
    expect(stderr).toContain('warning: serving on 0.0.0.0, not only this machine');
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
