#!/usr/bin/env node
// Runs the quickstart in a scratch git repository made from ./project, so neither this repository
// nor anything of yours is used as the target. Prints where the result is; removes the scratch
// folders when the run succeeds (pass --keep-scratch to keep them) and keeps them when it fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const cli = join(here, '../../dist/bin/orchestra.cjs');
const keep = process.argv.includes('--keep-scratch');
const runArgs = process.argv.slice(2).filter((arg) => arg !== '--keep-scratch');
const repo = mkdtempSync(join(tmpdir(), 'orchestra-quickstart-'));
const cache = `${repo}-cache`;
cpSync(join(here, 'project'), repo, { recursive: true });
// The schema modeline is relative to the example's place in this repository; point it from the copy.
const workflow = join(repo, 'orchestra.yaml');
const schema = relative(repo, join(here, '../../schema/orchestra.schema.json'));
writeFileSync(workflow, readFileSync(workflow, 'utf8').replace(/(\$schema=).*/, `$1${schema}`));
const git = (...args) =>
  execFileSync('git', ['-c', 'user.name=quickstart', '-c', 'user.email=quickstart@localhost', ...args], {
    cwd: repo,
    stdio: 'pipe',
  }).toString();
git('init', '-q', '-b', 'main');
git('add', '-A');
git('commit', '-qm', 'quickstart project');

console.log(`quickstart repository: ${repo}`);
console.log(`orchestra's cache (run records, sandboxes): ${cache}\n`);
const run = spawnSync(process.execPath, [cli, 'run', ...runArgs], {
  cwd: repo,
  stdio: 'inherit',
  env: { ...process.env, XDG_CACHE_HOME: cache },
});
if (run.status !== 0) {
  console.log(`\nKept for a look: ${repo} and ${cache} (remove them with: rm -rf ${repo} ${cache})`);
  process.exit(run.status ?? 1);
}
const branch = git('for-each-ref', '--format=%(refname:short)', 'refs/heads/orchestra/')
  .split('\n')
  .find((b) => b && !b.startsWith('orchestra/tasks/'));
console.log(`\nThe result is branch ${branch}; main, the checkout, is untouched:`);
console.log(git('log', '--oneline', '--graph', `main..${branch}`));
console.log(git('diff', '--stat', `main...${branch}`));
if (keep) {
  console.log(`Kept (--keep-scratch): cd ${repo} && git diff main...${branch}   (cache: ${cache})`);
} else {
  rmSync(repo, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
  console.log(`Removed ${repo} and ${cache}; run with --keep-scratch to keep them and explore the result.`);
}
