import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
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
  writeFileSync(target, starter(schemaRef(dirname(target))), { flag: 'wx' });
  process.stdout.write(
    `wrote ${relative(process.cwd(), target)}; next: orchestra validate && orchestra graph\n`,
  );
  return 0;
}

/**
 * Where editors find the schema, as a path that still works once the file is committed: the
 * project's own copy (orchestra installed as a dev dependency, or this repository itself), else
 * where that dev dependency would put it.
 */
function schemaRef(dir: string): string {
  const installed = packageFile('schema/orchestra.schema.json');
  const inside = relative(dir, installed);
  if (!inside.startsWith('..') && !isAbsolute(inside)) return `./${inside}`;
  return './node_modules/orchestra/schema/orchestra.schema.json';
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
