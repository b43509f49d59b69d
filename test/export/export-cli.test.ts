import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { githubErrors } from './github-parser.js';

const WORKFLOW = `version: 1
name: ship it
vars: { target: src }
agents:
  claude: { env: { ANTHROPIC_API_KEY: "\${{ vars.target }}" } }
tasks:
  change: { agent: claude, prompt: 'Change \${{ vars.target }}' }
  review: { agent: codex, needs: [change], prompt: Review }
`;

describe('orchestra export github-actions (CLI)', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const repo = (files: Record<string, string>) => {
    root = mkdtempSync(join(tmpdir(), 'orchestra-export-cli-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root });
    return root;
  };

  it('writes .github/workflows/orchestra-<name>.yml from a subfolder, without the secrets in the environment', async () => {
    const dir = repo({ 'flows/orchestra.yaml': WORKFLOW });
    const secret = 'sk-test-secret-4711';
    const env = { ANTHROPIC_API_KEY: secret, OPENAI_API_KEY: secret, GEMINI_API_KEY: secret };
    const r = cli(['export', 'github-actions', '-f', 'orchestra.yaml'], join(dir, 'flows'), env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('wrote ../.github/workflows/orchestra-ship-it.yml\n');
    const text = readFileSync(join(dir, '.github/workflows/orchestra-ship-it.yml'), 'utf8');
    expect(text).not.toContain(secret);
    expect(text).toContain('ANTHROPIC_API_KEY: ${{ secrets.ANTHROPIC_API_KEY }}');
    expect(text).toContain('OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}');
    expect(text).toContain('-f flows/orchestra.yaml');
    expect(await githubErrors(text)).toEqual([]);

    // Re-export of the unchanged file: the same bytes.
    const again = cli(['export', 'github-actions', '-f', 'flows/orchestra.yaml', '-o', 'copy.yml'], dir, env);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'copy.yml'), 'utf8')).toBe(text);
  });

  it('a bad workflow: exit 2 with its file:line:col, nothing written', () => {
    const dir = repo({ 'orchestra.yaml': 'version: 1\ntasks:\n  a: { run: x, needs: [nope] }\n' });
    const r = cli(['export', 'github-actions'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/orchestra\.yaml:3:\d+/);
    expect(r.stderr).toContain('nope');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(() => readFileSync(join(dir, '.github/workflows/orchestra-orchestra.yml'))).toThrow();
  });

  it('a dynamic matrix GitHub cannot compute: exit 2 at the matrix key', () => {
    const dir = repo({
      'orchestra.yaml': `version: 1
tasks:
  plan: { run: 'true' }
  each:
    needs: [plan]
    matrix:
      item: '\${{ fromJSON(tasks.plan.summary) }}'
    run: echo \${{ matrix.item }}
`,
    });
    const r = cli(['export', 'github-actions'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/orchestra\.yaml:7:\d+/);
    expect(r.stderr).toContain('GitHub Actions cannot compute this dynamic matrix');
  });

  it('an unknown target is a usage error', () => {
    const dir = repo({ 'orchestra.yaml': WORKFLOW });
    expect(cli(['export', 'gitlab'], dir).code).toBe(2);
  });
});
