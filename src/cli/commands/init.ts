import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { packageFile } from '../../util/package-file.js';
import { Exit, ExitCode } from '../exit-codes.js';

/** `orchestra init`: a commented starter workflow; never overwrites. */
export function initCommand(opts: { file?: string }): number {
  const target = resolve(opts.file ?? 'orchestra.yaml');
  if (existsSync(target)) {
    process.stderr.write(
      `error: ${relative(process.cwd(), target) || target} already exists; not overwriting it\n  hint: remove it first, or write elsewhere with -f other.yaml\n`,
    );
    throw new Exit(ExitCode.usage);
  }
  mkdirSync(dirname(target), { recursive: true });
  const schema = schemaRef(dirname(target));
  writeFileSync(target, starter(schema.path), { flag: 'wx' });
  process.stdout.write(
    `wrote ${relative(process.cwd(), target)}; next: orchestra validate && orchestra graph\n`,
  );
  if (schema.note !== undefined) process.stdout.write(`note: ${schema.note}\n`);
  return 0;
}

/**
 * Where editors find the schema, relative to the file's folder so it resolves from there: the
 * project's own dev dependency (a path that works for everyone who installs the project), else the
 * copy of the orchestra that is running (a global or linked install: right on this machine only,
 * which `note` says).
 */
function schemaRef(dir: string): { path: string; note?: string } {
  const local = projectSchema(dir);
  if (local !== undefined) return { path: relativeRef(dir, local) };
  const installed = packageFile(SCHEMA);
  const path = relativeRef(dir, installed);
  if (!path.startsWith('..')) return { path };
  return {
    path,
    note: `the schema line points at this machine's orchestra (${installed}); with orchestra as a dev dependency it would point into node_modules`,
  };
}

const SCHEMA = 'schema/orchestra.schema.json';

/** `node_modules/orchestra/schema/…` in `dir` or the nearest folder above it that has one. */
function projectSchema(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const candidate = join(at, 'node_modules', 'orchestra', SCHEMA);
    if (existsSync(candidate)) return candidate;
    if (dirname(at) === at) return undefined;
  }
}

function relativeRef(dir: string, file: string): string {
  const path = relative(dir, file).split(sep).join('/');
  return path.startsWith('..') ? path : `./${path}`;
}

function starter(schema: string): string {
  return `# yaml-language-server: $schema=${schema}
# orchestra workflow: tasks run in their own git sandboxes, are checked by gates, and are merged
# into one branch (orchestra/<run-id>) for you to review. Your checkout is never touched.
# Check it with "orchestra validate", see the DAG with "orchestra graph", run it with "orchestra run".
version: 1
name: my-feature

vars:
  spec: docs/feature.md            # use as \${{ vars.spec }}; override with --var spec=other.md

concurrency: 2                     # tasks running at once

sandbox:
  base: HEAD                       # root tasks start from this commit
  keep: on-failure                 # keep a failed task's sandbox for inspection
  # copy: [.env]                   # untracked files each sandbox needs
  # link: [node_modules]           # big folders shared by a symlink
  # setup: [npm ci]                # run in each new sandbox before the agent

roles:
  test-author:
    agent: claude
    instructions: Write failing tests for the spec. Never write implementation code.
  implementer:
    agent: claude
    instructions: Make the tests pass without editing them.
    forbid: ["test/**"]            # a change here fails the attempt; the agent is told why

gates:
  test: { run: npm test, timeout: 10m }

tasks:
  tests:
    role: test-author
    prompt: Write tests for \${{ vars.spec }}.
  implement:
    role: implementer
    needs: [tests]
    prompt: |
      Implement \${{ vars.spec }}. The test author said: \${{ tasks.tests.summary }}
    verify: [test]
    retries: 2                     # on a red gate the agent runs again with its output

integrate:
  verify: [test]                   # gates on the merged result
`;
}
