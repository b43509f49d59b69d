import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Git } from './git.js';

/** A commit's author as `git commit-tree` reads it from GIT_AUTHOR_NAME, _EMAIL and _DATE (raw). */
export interface Author {
  name: string;
  email: string;
  date: string;
}

/**
 * Writes commit objects, byte for byte those `git commit-tree` writes, through one long-lived `git
 * hash-object -t commit -w --stdin-paths` instead of a `commit-tree` process each: integrating many
 * branches then costs one git process a branch (its `merge-tree`) instead of two. The identity and
 * its time zone are git's own (`git var`); the time is the moment of each commit, as commit-tree's.
 */
export class CommitWriter {
  #written = 0;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    readonly child: ChildProcess,
    readonly author: Ident,
    readonly committer: Ident,
  ) {}

  /**
   * Starts the writer, or answers undefined where commit-tree would write something this does not
   * (a configured `i18n.commitEncoding` adds a header) or git knows no identity.
   */
  static async open(git: Git): Promise<CommitWriter | undefined> {
    const idents = await gitIdents(git);
    if (!idents) return undefined;
    const child = await git.spawnPlumbing(['hash-object', '-t', 'commit', '-w', '--stdin-paths'], {
      commits: true,
    });
    child.on('error', () => undefined);
    return new CommitWriter(
      await mkdtemp(join(tmpdir(), 'orchestra-commits-')),
      child,
      idents.author,
      idents.committer,
    );
  }

  /**
   * Records `tree` as a commit with `parents` and `message` (stored as given); undefined when
   * `author` is one commit-tree would rewrite (then it is the caller's to run).
   */
  write(
    tree: string,
    parents: readonly string[],
    message: string,
    author?: Author,
  ): Promise<string | undefined> {
    if (author && !plainAuthor(author)) return Promise.resolve(undefined);
    const now = String(Math.floor(Date.now() / 1000));
    const by = author
      ? `${author.name} <${author.email}> ${author.date}`
      : `${this.author.who} ${now} ${this.author.zone}`;
    const text =
      `tree ${tree}\n${parents.map((p) => `parent ${p}\n`).join('')}` +
      `author ${by}\ncommitter ${this.committer.who} ${now} ${this.committer.zone}\n\n${message}`;
    // One object at a time: hash-object answers each path with a line, in order.
    const next = this.#queue.then(() => this.#hash(text));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #hash(text: string): Promise<string> {
    const file = join(this.dir, String(this.#written++));
    await writeFile(file, text);
    const { stdout, stdin } = this.child;
    const sha = new Promise<string>((resolve, reject) => {
      let got = '';
      const onData = (chunk: Buffer) => {
        got += chunk.toString();
        if (!got.endsWith('\n')) return;
        stdout!.off('data', onData);
        this.child.off('close', onExit);
        resolve(got.trim());
      };
      const onExit = () => reject(new Error(`git hash-object ended before writing commit ${file}`));
      stdout!.on('data', onData);
      // `close` comes after `exit`, and also when the process could not start at all.
      this.child.once('close', onExit);
    });
    stdin!.write(`${file}\n`);
    return sha;
  }

  /** Ends the git process and removes the temporary files. */
  async close(): Promise<void> {
    await this.#queue;
    const exited = new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve(undefined);
      else this.child.once('close', resolve);
    });
    this.child.stdin!.end();
    await exited;
    await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * The author and committer `commit-tree` would record, by `git var`; undefined where it would write
 * something more (a configured `i18n.commitEncoding` adds a header) or git knows no identity.
 */
export async function gitIdents(git: Git): Promise<{ author: Ident; committer: Ident } | undefined> {
  const vars = (await git.plumbing(['var', '-l'], { commits: true }).catch(() => undefined))?.stdout;
  const value = (key: string) =>
    vars
      ?.split('\n')
      .find((line) => line.startsWith(`${key}=`))
      ?.slice(key.length + 1);
  const author = parseIdent(value('GIT_AUTHOR_IDENT'));
  const committer = parseIdent(value('GIT_COMMITTER_IDENT'));
  if (!author || !committer || value('i18n.commitencoding') !== undefined) return undefined;
  return { author, committer };
}

/** `Name <email>` and the time zone of an ident line of `git var` (`Name <email> 1700000000 +0100`). */
export interface Ident {
  who: string;
  zone: string;
}

function parseIdent(line: string | undefined): Ident | undefined {
  const m = /^(.+>) \d+ ([+-]\d{4})$/.exec(line ?? '');
  return m ? { who: m[1]!, zone: m[2]! } : undefined;
}

/**
 * Whether commit-tree would write `author` as it is: it trims "crud" (spaces, `.,:;<>"\'`) off both
 * ends of the name and email, drops `<`, `>` and newlines inside them, and reformats a date that is
 * not raw. An author read from an existing commit is almost always plain already.
 */
function plainAuthor({ name, email, date }: Author): boolean {
  const clean = (s: string) => s !== '' && !/[<>\n]/.test(s) && !crud(s[0]!) && !crud(s.at(-1)!);
  return clean(name) && clean(email) && /^\d+ [+-]\d{4}$/.test(date);
}

function crud(c: string): boolean {
  return c.charCodeAt(0) <= 32 || '.,:;<>"\\\''.includes(c);
}
