import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Git } from '../../src/git/git.js';
import { combineCommits, type CombineStrategy, type LabelledCommit } from '../../src/git/merge.js';
import { GitLog } from '../support/git-log.js';
import { commitFiles, git, repoPerTest } from '../support/git-repo.js';

const fx = repoPerTest();

/** Branches made from the base, each with one commit of a file of its own. */
async function branches(n: number): Promise<LabelledCommit[]> {
  const made: LabelledCommit[] = [];
  for (let i = 0; i < n; i++) {
    const dir = join(await fx.repo.tempDir(), 'wt');
    git(fx.repo.path, 'worktree', 'add', '--quiet', '-b', `b${i}`, dir, fx.base);
    made.push({
      commit: await commitFiles(dir, { [`f${i}.txt`]: `${i}\n` }, `work ${i}\n\nbody`),
      label: `b${i}`,
    });
    git(fx.repo.path, 'worktree', 'remove', dir);
  }
  return made;
}

/** The commits from `commit` back to (not including) the base. */
const madeSince = (commit: string) =>
  git(fx.repo.path, 'rev-list', `${fx.base}..${commit}`).trim().split('\n');

/** `git commit-tree` run by hand with everything `commit` records: the sha it gives. */
function commitTreeAgain(commit: string): string {
  const raw = git(fx.repo.path, 'cat-file', 'commit', commit);
  const [head = '', ...body] = raw.split('\n\n');
  const fields = head.split('\n').map((line) => line.split(' '));
  const value = (key: string) => fields.filter((f) => f[0] === key).map((f) => f.slice(1).join(' '));
  const person = (line: string) => {
    const m = /^(.*) <(.*)> (\d+ [+-]\d{4})$/.exec(line)!;
    return { name: m[1]!, email: m[2]!, date: m[3]! };
  };
  const author = person(value('author')[0]!);
  const committer = person(value('committer')[0]!);
  const args = ['commit-tree', ...value('parent').flatMap((p) => ['-p', p]), value('tree')[0]!];
  return execFileSync('git', args, {
    cwd: fx.repo.path,
    input: body.join('\n\n'),
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: author.date,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      GIT_COMMITTER_DATE: committer.date,
    },
  }).trim();
}

describe.each<CombineStrategy>(['merge', 'squash', 'rebase'])('%s of five branches', (strategy) => {
  it('writes the commits git commit-tree writes, without a commit-tree process', async () => {
    const tips = await branches(5);
    const log = new GitLog(await fx.repo.tempDir());
    const saved = { ...process.env };
    Object.assign(process.env, log.env);
    const g = new Git(fx.repo.path);
    process.env = saved;

    const result = await combineCommits(
      g,
      [{ commit: fx.base, label: 'base' }, ...tips],
      strategy,
      (t) => `integrate ${t.label}`,
    );

    const commands = log.calls().map((c) => c.command);
    const count = (command: string) => commands.filter((c) => c === command).length;
    expect(count('commit-tree')).toBe(0);
    // Merge and squash of files of their own need no three-way merge: one fast-import writes them all
    // (see disjoint-combine.test.ts); rebase replays through merge-tree and the writer.
    if (strategy === 'rebase') expect([count('merge-tree'), count('hash-object')]).toEqual([5, 1]);
    else expect([count('merge-tree'), count('hash-object'), count('fast-import')]).toEqual([0, 0, 1]);
    expect(result.ok).toBe(true);
    const commit = result.ok ? result.commit : '';
    const made = madeSince(commit).filter((c) => !tips.some((t) => t.commit === c));
    expect(made).toHaveLength(5);
    for (const c of made) expect(commitTreeAgain(c)).toBe(c);
    // The identity is the repository's, as commit-tree's; a replayed commit keeps its author.
    const [name, email] = ['user.name', 'user.email'].map((k) => git(fx.repo.path, 'config', k).trim());
    expect(git(fx.repo.path, 'log', '-1', '--format=%cn <%ce>', commit).trim()).toBe(`${name} <${email}>`);
    expect(git(fx.repo.path, 'ls-tree', '--name-only', commit).trim().split('\n')).toEqual(
      ['README.md', ...tips.map((_, i) => `f${i}.txt`)].sort(),
    );
  });
});
