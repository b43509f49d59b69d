import type { LoadedWorkflow } from '../config/load-workflow.js';
import { workflowLocator } from '../config/locate-in-workflow.js';
import type { YamlPath } from '../config/source-document.js';
import type { RepoDef } from '../config/workflow.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { Git } from '../git/git.js';
import { err, ok, type Result } from '../util/result.js';
import { fetchCachedClone } from './repo-cache.js';

/** A repository of `repos:` as a run found it: where its git data is, and the commit its tasks start from. */
export interface ResolvedRepo {
  name: string;
  /** The local repository's top level, or the cached bare clone of a URL. */
  root: string;
  url?: string;
  baseRef: string;
  baseCommit: string;
}

/**
 * Finds every repository of `repos:` (a URL's cached clone fetched first) and resolves its base, at run
 * start: a path that is no git repository, a URL that cannot be fetched or a base that does not
 * exist is a located error before any task starts.
 */
export async function resolveRepos(loaded: LoadedWorkflow): Promise<Result<ResolvedRepo[], Diagnostic[]>> {
  const { workflow } = loaded;
  if (workflow.repos.size === 0) return ok([]);
  const results = await Promise.all([...workflow.repos.values()].map(resolveRepo));
  const problems = results.flatMap((r) => (r.ok ? [] : [r.error]));
  if (problems.length === 0) return ok(results.flatMap((r) => (r.ok ? [r.value] : [])));
  const locate = await workflowLocator(loaded);
  return err(
    problems.map(({ path, message, hint }) => ({
      severity: 'error',
      code: 'repo',
      path: path.join('.'),
      location: locate(path),
      message,
      hint,
    })),
  );
}

type Problem = { path: YamlPath; message: string; hint: string };

async function resolveRepo(repo: RepoDef): Promise<Result<ResolvedRepo, Problem>> {
  const at = (key: string): YamlPath => ['repos', repo.name, key];
  const baseProblem: Problem = {
    path: at('base'),
    message: `repository "${repo.name}": the base ref "${repo.base}" does not resolve to a commit`,
    hint: `set repos.${repo.name}.base to an existing branch, tag or commit`,
  };
  if (repo.url !== undefined) {
    const fetched = await fetchCachedClone(repo.url, repo.base);
    if (fetched.ok)
      return ok({
        ...common(repo),
        root: fetched.value.root,
        url: repo.url,
        baseCommit: fetched.value.commit,
      });
    if (fetched.error.base) return err(baseProblem);
    return err({
      path: at('url'),
      message: `repository "${repo.name}": cannot fetch ${repo.url}: ${fetched.error.fetch}`,
      hint: 'check the URL and that git can reach it without a prompt (credentials in a helper or an agent)',
    });
  }
  const located = await Git.locate(repo.path!, repo.base);
  if (!located) {
    return err({
      path: at('path'),
      message: `repository "${repo.name}": ${repo.path} is not a git repository with a work tree`,
      hint: 'a path is relative to the workflow file; clone the repository there, or give its url',
    });
  }
  if (!located.commit) return err(baseProblem);
  return ok({ ...common(repo), root: located.topLevel, baseCommit: located.commit });
}

function common(repo: RepoDef): { name: string; baseRef: string } {
  return { name: repo.name, baseRef: repo.base };
}
