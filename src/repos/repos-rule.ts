import type { ConfigIssue } from '../config/config-issue.js';
import type { Rule } from '../config/rules/rule.js';
import { didYouMean } from '../util/did-you-mean.js';

/**
 * `repos:` and `repo:` as far as they can be checked without git: each repository is a path or a URL,
 * its gates exist, and every task names a declared repository. Whether the paths, URLs and bases are
 * there is asked of git when a run starts (resolve-repos.ts).
 */
export const reposRule: Rule = ({ workflow }) => {
  const issues: ConfigIssue[] = [];
  const names = [...workflow.repos.keys()];
  for (const repo of workflow.repos.values()) {
    if ((repo.path === undefined) === (repo.url === undefined))
      issues.push({
        code: 'repo',
        path: ['repos', repo.name],
        target: 'key',
        message: `repository "${repo.name}" needs exactly one of "path" and "url"`,
        hint: 'path: a local repository relative to the workflow file; url: one orchestra clones into its cache',
      });
    repo.verify?.forEach((gate, i) => {
      if (!workflow.gates.has(gate))
        issues.push({
          code: 'unknown-gate',
          path: ['repos', repo.name, 'verify', i],
          message: `unknown gate "${gate}"${didYouMean(gate, workflow.gates.keys())}`,
        });
    });
  }
  for (const task of workflow.tasks.values()) {
    const repo = task.repo === undefined ? undefined : workflow.repos.get(task.repo);
    // A URL's cached clone is bare: there is no checkout to work in, nor a jj store.
    if (repo?.url !== undefined && (task.sandbox.type === 'none' || task.sandbox.type === 'jj'))
      issues.push({
        code: 'repo',
        path: ['tasks', task.id, 'repo'],
        message: `task "${task.id}" has a ${task.sandbox.type} sandbox, which a repository given by url cannot have`,
        hint: `orchestra keeps a bare clone of ${repo.url}: use a worktree or clone sandbox there, or give a local path`,
      });
    if (task.repo === undefined || repo !== undefined) continue;
    issues.push({
      code: 'unknown-repo',
      path: ['tasks', task.id, 'repo'],
      message: `unknown repository "${task.repo}"${didYouMean(task.repo, names)}`,
      hint: names.length
        ? `declared repositories: ${names.join(', ')} (and self, the workflow's own)`
        : 'declare it under "repos:" with a path or url',
    });
  }
  return issues;
};
