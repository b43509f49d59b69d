import { execFile, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

// End to end: the built CLI as a user runs it. `npm test` builds dist/ first.
const root = fileURLToPath(new URL('../..', import.meta.url));
const main = join(root, 'dist/bin/orchestra.cjs');
const invalid = join(root, 'test/fixtures/invalid');
const valid = join(root, 'test/fixtures/valid');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion; colour is off unless `env` turns it on. */
function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...opts.env };
  if (!opts.env?.FORCE_COLOR) delete env.FORCE_COLOR;
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [main, ...args],
      { cwd: opts.cwd ?? root, env, encoding: 'utf8' },
      (_error, stdout, stderr) => done({ code: child.exitCode, stdout, stderr }),
    );
  });
}

const STACK_FRAME = /^\s+at /m;

beforeAll(() => {
  if (!existsSync(main))
    throw new Error(`${main} is missing: build first with "npm run build" (npm test does)`);
});

describe('orchestra validate', () => {
  // A sample across the kinds of problems; the corpus test checks every fixture in process.
  const sample = [
    'unknown-need.yaml',
    'cycle-three.yaml',
    'tab-indent.yaml',
    'duplicate-task-id.yaml',
    'alias-bomb.yaml',
    'empty.yaml',
    'template-unknown-var.yaml',
    'bad-sandbox-type.yaml',
    'misspelled-tasks-key.yaml',
    'crlf-unknown-need.yaml',
  ];

  it.each(sample)('%s: exit 2, the expected diagnostics on stderr, no stack trace', async (name) => {
    const r = await cli(['validate', '-f', name], { cwd: invalid });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(readFileSync(join(invalid, name.replace(/\.yaml$/, '.expected.txt')), 'utf8'));
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('a file that is not there: exit 2, says so, no stack trace', async () => {
    const r = await cli(['validate', '-f', 'does-not-exist.yaml'], { cwd: invalid });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(invalid, 'does-not-exist.yaml')} does not exist`);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('a valid workflow: exit 0 and a one-line summary', async () => {
    const r = await cli(['validate', '-f', 'spec-example.yaml'], { cwd: valid });
    expect(r).toEqual({ code: 0, stdout: `${join(valid, 'spec-example.yaml')}: ok (4 tasks)\n`, stderr: '' });
  });

  it('--json reports success and diagnostics as JSON on stdout', async () => {
    const good = await cli(['validate', '--json', '-f', join(valid, 'minimal.yaml')]);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toEqual({ ok: true, file: join(valid, 'minimal.yaml'), tasks: 1 });
    const bad = await cli(['validate', '--json', '-f', join(invalid, 'unknown-need.yaml')]);
    expect(bad.code).toBe(2);
    const out = JSON.parse(bad.stdout) as { ok: boolean; diagnostics: unknown[] };
    expect(out).toEqual({
      ok: false,
      diagnostics: [
        {
          severity: 'error',
          code: 'unknown-task',
          path: 'tasks.auth-impl.needs[0]',
          message: 'unknown task "auth-test" (did you mean "auth-tests"?)',
          hint: 'declared tasks: auth-tests, auth-impl',
          location: { file: join(invalid, 'unknown-need.yaml'), line: 8, col: 13, length: 9 },
        },
      ],
    });
  });

  it('--var overrides a declared variable; an undeclared one or one without "=" exits 2', async () => {
    const file = join(valid, 'spec-example.yaml');
    expect((await cli(['validate', '-f', file, '--var', 'spec=docs/x.md'])).code).toBe(0);
    const undeclared = await cli(['validate', '-f', file, '--var', 'spex=docs/x.md']);
    expect(undeclared.code).toBe(2);
    expect(undeclared.stderr).toContain(
      '--var spex: the workflow declares no variable "spex" (did you mean "spec"?)',
    );
    const malformed = await cli(['validate', '-f', file, '--var', 'bad']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toBe('error --var bad: expected NAME=value\n\n1 error\n');
  });

  it('colour follows FORCE_COLOR and NO_COLOR, and is off in a pipe', async () => {
    const args = ['validate', '-f', join(invalid, 'unknown-need.yaml')];
    expect((await cli(args, { env: { FORCE_COLOR: '1', NO_COLOR: '' } })).stderr).toContain(
      '\x1b[31merror\x1b[39m',
    );
    expect((await cli(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stderr).not.toContain('\x1b[');
    expect((await cli(args, { env: { NO_COLOR: '' } })).stderr).not.toContain('\x1b[');
  });
});

describe('orchestra graph', () => {
  const file = join(valid, 'diamond.yaml');

  it('prints a 50,000-task chain as text in a few dozen bytes a task', () => {
    const n = 50_000;
    const tasks: string[] = [];
    for (let i = 0; i < n; i++) tasks.push(`  t${i}:\n    run: echo\n${i ? `    needs: [t${i - 1}]\n` : ''}`);
    const dir = mkdtempSync(join(tmpdir(), 'orchestra-chain-'));
    writeFileSync(join(dir, 'chain.yaml'), `tasks:\n${tasks.join('')}`);
    // Past the default 1 MiB of captured output of the cli() helper.
    const stdout = execFileSync(process.execPath, [main, 'graph', '-f', join(dir, 'chain.yaml')], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    rmSync(dir, { recursive: true });
    expect(stdout.split('\n')).toHaveLength(n + 2);
    expect(stdout.length / n).toBeLessThan(40);
  }, 120_000);

  it('--format json prints the graph JSON; --json is the same', async () => {
    const r = await cli(['graph', '--format', 'json', '-f', file]);
    expect(r.code).toBe(0);
    const graph = JSON.parse(r.stdout) as { version: number; edges: unknown[]; order: string[] };
    expect(graph.version).toBe(1);
    expect(graph.edges).toHaveLength(4);
    expect(graph.order).toHaveLength(5);
    expect((await cli(['graph', '--json', '-f', file])).stdout).toBe(r.stdout);
  });

  it('--format mermaid, dot and text', async () => {
    const mermaid = await cli(['graph', '--format', 'mermaid', '-f', file]);
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout).toMatch(/^flowchart TD\n/);
    expect(mermaid.stdout).toContain('t_api --> t_ship');
    const dot = await cli(['graph', '--format', 'dot', '-f', file]);
    expect(dot.code).toBe(0);
    expect(dot.stdout).toMatch(/^digraph "diamond" \{\n/);
    expect(dot.stdout).toContain('"ui" -> "ship";');
    const text = await cli(['graph', '--format', 'text', '-f', file]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe(
      'diamond: 5 tasks in an order they can run (← what a task needs, * the critical path: the longest chain of needs)',
    );
    expect((await cli(['graph', '-f', file])).stdout).toBe(text.stdout);
  });

  it('an unknown format or an invalid workflow exits 2', async () => {
    const format = await cli(['graph', '--format', 'svg', '-f', file]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('Allowed choices are text, mermaid, dot, json');
    const bad = await cli(['graph', '-f', join(invalid, 'cycle-two.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('dependency cycle: lint → test → lint');
  });
});

describe('orchestra init', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('writes a starter that points editors at the schema and validates; a second init changes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'orchestra-init-'));
    execFileSync('git', ['init', '-q', dir]);
    // As installed in a project: node_modules/orchestra is this package.
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules/orchestra'));
    const first = await cli(['init'], { cwd: dir });
    expect(first.code).toBe(0);
    const file = join(dir, 'orchestra.yaml');
    const text = readFileSync(file, 'utf8');
    const modeline = text.split('\n')[0]!;
    expect(modeline).toBe(
      '# yaml-language-server: $schema=./node_modules/orchestra/schema/orchestra.schema.json',
    );
    const schemaPath = resolve(dirname(file), modeline.replace(/^.*\$schema=/, ''));
    expect(JSON.parse(readFileSync(schemaPath, 'utf8'))).toHaveProperty('title', 'RawWorkflow');

    const validate = await cli(['validate'], { cwd: dir });
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);

    const second = await cli(['init'], { cwd: dir });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('orchestra.yaml already exists; not overwriting it');
    expect(second.stderr).not.toMatch(STACK_FRAME);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  /** The schema a file's modeline names, read from the file's own folder as an editor does. */
  function modelineSchema(file: string): unknown {
    const modeline = readFileSync(file, 'utf8').split('\n')[0]!;
    return JSON.parse(readFileSync(resolve(dirname(file), modeline.replace(/^.*\$schema=/, '')), 'utf8'));
  }

  it('points the modeline at a schema that exists from any folder, without orchestra in node_modules', async () => {
    dir = mkdtempSync(join(tmpdir(), 'orchestra-init-'));
    execFileSync('git', ['init', '-q', dir]);
    // A global or linked install: nothing in the project's node_modules.
    const top = await cli(['init'], { cwd: dir });
    expect(top.code).toBe(0);
    expect(top.stdout).toContain("note: the schema line points at this machine's orchestra");
    expect(modelineSchema(join(dir, 'orchestra.yaml'))).toHaveProperty('title', 'RawWorkflow');

    // A nested file with the dev dependency at the repository root reaches it from its own folder.
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules/orchestra'));
    const nested = await cli(['init', '-f', '.config/orchestra.yaml'], { cwd: dir });
    expect(nested.code).toBe(0);
    expect(nested.stdout).not.toContain('note:');
    const file = join(dir, '.config/orchestra.yaml');
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../node_modules/orchestra/schema/orchestra.schema.json',
    );
    expect(modelineSchema(file)).toHaveProperty('title', 'RawWorkflow');
  });
});

describe('orchestra schema, help, version and usage errors', () => {
  it('schema prints the schema file as valid JSON', async () => {
    const r = await cli(['schema']);
    expect(r.code).toBe(0);
    const schemaText = readFileSync(join(root, 'schema/orchestra.schema.json'), 'utf8');
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(schemaText));
    expect(r.stdout).toBe(schemaText);
  });

  it.each([[], ['init'], ['validate'], ['graph'], ['schema']])(
    '%s --help shows examples',
    async (...command) => {
      const r = await cli([...command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Examples:');
      expect(r.stdout).toContain('$ orchestra');
    },
  );

  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('a reader that closed the pipe (`--help | head -1`) gets no more, and no stack trace', async () => {
    const child = spawn(process.execPath, [main, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the CLI has started: every write it makes fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('an unknown command or option exits 2 without a stack trace', async () => {
    const command = await cli(['bogus']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("unknown command 'bogus'");
    expect(command.stderr).not.toMatch(STACK_FRAME);
    const option = await cli(['validate', '--bogus']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--bogus'");
  });
});
