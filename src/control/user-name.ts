import { userInfo } from 'node:os';
import { Git } from '../git/git.js';

/** Who is deciding or cancelling, for the record: git's user.name in the repository, else the OS user. */
export async function userName(repoRoot: string): Promise<string> {
  try {
    const name = (await new Git(repoRoot).plumbing(['config', 'user.name'])).stdout.trim();
    if (name) return name;
  } catch {
    // No git config readable: the OS user says as much.
  }
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
