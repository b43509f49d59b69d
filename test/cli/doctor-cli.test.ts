import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { RunFixture } from '../support/run-fixture.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const fixture = () => {
  const fx = new RunFixture();
  cleanups.push(() => fx.cleanup());
  return fx;
};

// `ghost` is a custom agent whose program is installed nowhere; `bot` is the scripted agent (node).
const WORKFLOW = `version: 1
agents:
  bot: { command: AGENT_COMMAND }
  ghost: { command: [orchestra-test-no-such-agent, "\${{ prompt }}"] }
tasks:
  a: { agent: bot, prompt: x }
  b: { agent: ghost, prompt: y }
  c: { agent: ghost, prompt: z, needs: [a] }
`;

interface DoctorJson {
  ok: boolean;
  checks: { name: string; level: string; detail: string; hint?: string }[];
}

describe('orchestra doctor', () => {
  it('reports an agent whose CLI is not installed and exits 1', () => {
    const fx = fixture();
    const file = fx.setup(WORKFLOW);
    const r = cli(['doctor', '-f', file], fx.repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ok {4}git: git version \d+\.\d+/m);
    expect(r.stdout).toMatch(
      /^fail {2}agent ghost: "orchestra-test-no-such-agent" is not installed: not on PATH \(used by b, c\)\n {6}hint: /m,
    );
    expect(r.stdout).toMatch(new RegExp(`^ok {4}agent bot: ${process.execPath.replaceAll('/', '\\/')}`, 'm'));
    expect(r.stdout).toMatch(/^(ok {4}|warn {2})bubblewrap: /m);
    expect(r.stdout).toMatch(/^ok {4}disk space: \d+\.\d GiB free for sandboxes in /m);
    // The fixture's file has no modeline.
    expect(r.stdout).toMatch(/^warn {2}schema modeline: .* has no "# yaml-language-server: \$schema=" line/m);

    const json = cli(['doctor', '-f', file, '--json'], fx.repo);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as DoctorJson;
    expect(report.ok).toBe(false);
    expect(report.checks.filter((c) => c.level === 'fail').map((c) => c.name)).toEqual(['agent ghost']);
  });

  it('passes when every agent is installed, and checks that the schema modeline resolves', () => {
    const fx = fixture();
    const file = fx.setup(
      `# yaml-language-server: $schema=./schema.json\nversion: 1\nagents:\n  bot: { command: AGENT_COMMAND }\ntasks:\n  a: { agent: bot, prompt: x }\n`,
    );
    const broken = cli(['doctor', '-f', file], fx.repo);
    expect(broken.code).toBe(0);
    expect(broken.stdout).toMatch(/^warn {2}schema modeline: \.\/schema\.json does not exist/m);
    writeFileSync(join(fx.root, 'schema.json'), '{}');
    const fixed = cli(['doctor', '-f', file], fx.repo);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/^ok {4}schema modeline: \.\/schema\.json resolves to /m);
    expect(fixed.stdout).not.toMatch(/^fail/m);
  });

  it('still checks the machine when there is no workflow, and warns without bubblewrap', () => {
    const fx = fixture();
    // A PATH with git alone: no bwrap.
    const bin = join(fx.root, 'bin');
    mkdirSync(bin);
    symlinkSync(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), join(bin, 'git'));
    const r = cli(['doctor'], fx.repo, { PATH: bin });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^warn {2}workflow: no workflow found/m);
    expect(r.stdout).toMatch(/^ok {4}git: /m);
    if (process.platform === 'linux')
      expect(r.stdout).toMatch(/^warn {2}bubblewrap: bwrap is not on PATH.*\n {6}hint: install bubblewrap/m);
  });

  it('a broken workflow is a usage error', () => {
    const fx = fixture();
    const file = fx.setup('version: 1\ntasks:\n  a: { agent: nobody, prompt: x }\n');
    const r = cli(['doctor', '-f', file], fx.repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nobody');
  });
});

describe('orchestra run --dry-run', () => {
  it('warns once per agent whose CLI is not installed', () => {
    const fx = fixture();
    const file = fx.setup(WORKFLOW);
    const r = cli(['run', '-f', file, '--dry-run'], fx.repo);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'warning: agent "ghost" (tasks: b, c): "orchestra-test-no-such-agent" is not installed (not on PATH)\n',
    );
    expect(r.stdout).toContain('3. c: agent ghost');
  });

  it('warns about nothing when the agents are installed', () => {
    const fx = fixture();
    const file = fx.setup(
      'version: 1\nagents:\n  bot: { command: AGENT_COMMAND }\ntasks:\n  a: { agent: bot, prompt: x }\n',
    );
    expect(cli(['run', '-f', file, '--dry-run'], fx.repo).stderr).toBe('');
  });
});
