#!/usr/bin/env node
// Runs the quickstart in a scratch git repository made from ./project, so neither this repository
// nor anything of yours is used as the target. Prints where the result is.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const cli = join(here, '../../dist/bin/orchestra.js');
const repo = mkdtempSync(join(tmpdir(), 'orchestra-quickstart-'));
cpSync(join(here, 'project'), repo, { recursive: true });
const git = (...args) =>
  execFileSync('git', ['-c', 'user.name=quickstart', '-c', 'user.email=quickstart@localhost', ...args], {
    cwd: repo,
    stdio: 'pipe',
  }).toString();
git('init', '-q', '-b', 'main');
git('add', '-A');
git('commit', '-qm', 'quickstart project');

console.log(`quickstart repository: ${repo}\n`);
const run = spawnSync(process.execPath, [cli, 'run', ...process.argv.slice(2)], {
  cwd: repo,
  stdio: 'inherit',
  env: { ...process.env, XDG_CACHE_HOME: join(repo, '..', `${repo.split('/').pop()}-cache`) },
});
if (run.status === 0) {
  const branch = git('for-each-ref', '--format=%(refname:short)', 'refs/heads/orchestra/')
    .split('\n')
    .find((b) => b && !b.startsWith('orchestra/tasks/'));
  console.log(`\nThe result is branch ${branch} in ${repo}:`);
  console.log(git('log', '--oneline', '--graph', `main..${branch}`));
  console.log(`Your checkout there is untouched (still on main): cd ${repo} && git diff main...${branch}`);
}
process.exit(run.status ?? 1);
