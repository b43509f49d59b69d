import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { err, ok, type Result } from '../util/result.js';
import { removeTree } from './remove-tree.js';
import { guard, type SandboxError, type SandboxProvider, type SandboxSpec } from './sandbox.js';

const execFileAsync = promisify(execFile);

/**
 * A workspace of a jj repository colocated with the user's git repository. The task branch is a jj
 * bookmark, exported to git so the rest of orchestra sees an ordinary branch.
 */
export const jjProvider: SandboxProvider = {
  async create(spec, path): Promise<Result<void, SandboxError>> {
    if (!(await jjInstalled())) {
      return err({ reason: 'jj-missing', message: 'jj is not installed (no `jj` on PATH)' });
    }
    return guard('jj-failed', async () => {
      await inRepo(spec, [
        'workspace',
        'add',
        '--name',
        workspaceName(spec),
        '--revision',
        spec.baseCommit,
        path,
      ]);
      await inRepo(spec, ['bookmark', 'create', spec.branch, '--revision', spec.baseCommit]);
      await inRepo(spec, ['git', 'export']);
    });
  },

  async commit(spec, path, message, untracked) {
    // Every command in the workspace snapshots its files; only this keeps the copied ones out.
    const config = untracked.length === 0 ? [] : ['--config', `snapshot.auto-track=${autoTrack(untracked)}`];
    const inWorkspace = (args: string[]): Promise<string> => jj(path, [...config, ...args]);
    const empty = await inWorkspace(['log', '--no-graph', '--revisions', '@', '--template', 'empty']);
    if (empty.trim() === 'false') await inWorkspace(['commit', '--message', message]);
    // The agent's own commits are ancestors of `@-`, so the bookmark takes them along.
    await inWorkspace(['bookmark', 'set', spec.branch, '--revision', '@-']);
    await inWorkspace(['git', 'export']);
    return ok(
      (await inWorkspace(['log', '--no-graph', '--revisions', '@-', '--template', 'commit_id'])).trim(),
    );
  },

  // The bookmark is exported to git at every commit.
  publish: async () => {},

  async remove(spec, path) {
    // Without jj, or without a jj repository, there is no workspace to forget (`create` failed early).
    const listing = await inRepo(spec, ['workspace', 'list']).catch(() => '');
    const name = workspaceName(spec);
    if (listing.split('\n').some((line) => line.startsWith(`${name}:`))) {
      await inRepo(spec, ['workspace', 'forget', name]);
    }
    await removeTree(path);
  },
};

/** One workspace per task branch, named after it with `/` replaced so the name stays one plain word. */
function workspaceName(spec: SandboxSpec): string {
  return spec.branch.replaceAll('/', '-');
}

/** A fileset of everything but the copied and linked paths. */
function autoTrack(untracked: readonly string[]): string {
  return `all() ~ (${untracked.map((path) => `root:${JSON.stringify(path)}`).join(' | ')})`;
}

/** Runs jj in the user's repository without snapshotting their working copy: it is not ours to touch. */
function inRepo(spec: SandboxSpec, args: string[]): Promise<string> {
  return jj(spec.repoRoot, ['--ignore-working-copy', ...args]);
}

async function jjInstalled(): Promise<boolean> {
  try {
    await jj(process.cwd(), ['--version']);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function jj(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('jj', ['--no-pager', '--color=never', ...args], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}
