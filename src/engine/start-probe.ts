import { probeHead } from '../git/head-probe.js';

/**
 * What a new run asks git before it starts, asked as soon as the command starts so that git answers
 * while the workflow loads (then it costs the run no waiting): the work tree around the folder with
 * HEAD's commit, and the uncommitted paths there, from one process (see head-probe.ts).
 */
export interface StartProbe {
  /** As `Git.locate(dir, 'HEAD')` answers: used when the workflow's base is HEAD (the default). */
  readonly head: Promise<{ topLevel: string; commit?: string } | undefined>;
  /** As `Git.uncommittedPaths` answers ([] when git cannot tell). */
  readonly uncommitted: Promise<string[]>;
}

/** Starts both questions in `dir`. */
export function probeRepo(dir: string): StartProbe {
  const answer = probeHead(dir);
  // git status lists paths relative to the top of the work tree whichever folder it runs in.
  return { head: answer.then((a) => a.head), uncommitted: answer.then((a) => a.uncommitted) };
}
