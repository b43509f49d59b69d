import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Workflow } from '../config/workflow.js';
import { defaultSandboxRoot } from '../state/run-paths.js';
import type { AgentProgram } from './agent-programs.js';
import { agentPrograms, INSTALL_HINTS } from './agent-programs.js';
import { findProgram } from './find-program.js';

/** The result of one check: `fail` makes `orchestra doctor` exit 1. */
export interface Check {
  name: string;
  level: 'ok' | 'warn' | 'fail';
  detail: string;
  hint?: string;
}

const VERSION_TIMEOUT_MS = 5000;
/** `git merge-tree --write-tree` (a task with several needs starts from that merge) came in 2.38. */
const MIN_GIT: readonly [number, number] = [2, 38];
const LOW_DISK = 1024 ** 3;
const NO_DISK = 100 * 1024 ** 2;

/** Every check, for a workflow (when one was found) in a repository. */
export async function runChecks(repoRoot: string, workflow: Workflow | undefined): Promise<Check[]> {
  const programs = workflow ? agentPrograms(workflow, repoRoot) : [];
  return [
    await gitCheck(),
    ...(await Promise.all(programs.map(agentCheck))),
    await bubblewrapCheck(),
    await diskCheck(workflow?.sandbox.dir ?? defaultSandboxRoot(repoRoot)),
    ...(workflow ? [modelineCheck(workflow.file)] : []),
  ];
}

/** Runs a program with a short timeout; its first output line, or why it did not answer. */
function firstLine(program: string, args: string[]): Promise<{ ok: boolean; line: string }> {
  return new Promise((done) => {
    execFile(program, args, { timeout: VERSION_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
      const line =
        `${stdout}\n${stderr}`
          .split('\n')
          .find((l) => l.trim() !== '')
          ?.trim() ?? '';
      if (!error) return done({ ok: true, line });
      const why = error.killed ? `no answer within ${VERSION_TIMEOUT_MS / 1000}s` : line || error.message;
      done({ ok: false, line: why });
    });
  });
}

async function gitCheck(): Promise<Check> {
  const r = await firstLine('git', ['--version']);
  if (!r.ok)
    return {
      name: 'git',
      level: 'fail',
      detail: `git does not run: ${r.line}`,
      hint: 'install git 2.38 or later',
    };
  const [major = 0, minor = 0] = (/(\d+)\.(\d+)/.exec(r.line) ?? []).slice(1).map(Number);
  const [needMajor, needMinor] = MIN_GIT;
  const recent = major > needMajor || (major === needMajor && minor >= needMinor);
  return recent
    ? { name: 'git', level: 'ok', detail: `${r.line} (2.38 or later needed)` }
    : {
        name: 'git',
        level: 'fail',
        detail: `${r.line}: orchestra needs 2.38 or later (git merge-tree --write-tree)`,
        hint: 'install a newer git (e.g. from git-scm.com/downloads or your package manager)',
      };
}

async function agentCheck(p: AgentProgram): Promise<Check> {
  const name = `agent ${p.agent}`;
  const used = `used by ${p.tasks.join(', ')}`;
  if (p.program === undefined)
    return { name, level: 'warn', detail: `its command is only known during a run (${used})` };
  if (p.path === undefined) {
    const install = p.builtin ? INSTALL_HINTS[p.agent] : undefined;
    return {
      name,
      level: 'fail',
      detail: `"${p.program}" is not installed: not on PATH (${used})`,
      hint: install ? `install it: ${install}` : `install it, or fix agents.${p.agent}.command`,
    };
  }
  // A custom command is not started: it may be the agent itself, which --version would not stop.
  if (!p.builtin) return { name, level: 'ok', detail: `${p.path} (${used})` };
  const v = await firstLine(p.path, ['--version']);
  return v.ok
    ? { name, level: 'ok', detail: `${v.line} at ${p.path} (${used})` }
    : {
        name,
        level: 'fail',
        detail: `${p.path} --version failed: ${v.line}`,
        hint: `reinstall it: ${INSTALL_HINTS[p.agent] ?? p.program}`,
      };
}

/** Agents' own sandboxes (Codex workspace-write, Claude Code's) need bubblewrap on Linux. */
async function bubblewrapCheck(): Promise<Check> {
  const name = 'bubblewrap';
  if (process.platform !== 'linux')
    return { name, level: 'ok', detail: `not used on ${process.platform} (agents sandbox themselves)` };
  const bwrap = findProgram('bwrap', process.cwd());
  if (bwrap === undefined)
    return {
      name,
      level: 'warn',
      detail:
        'bwrap is not on PATH: agents that sandbox their own commands cannot (orchestra does not need it)',
      hint: 'install bubblewrap (apt-get install bubblewrap, dnf install bubblewrap) if your agents use their own sandbox',
    };
  const r = await firstLine(bwrap, ['--ro-bind', '/', '/', 'true']);
  return r.ok
    ? { name, level: 'ok', detail: `${bwrap} works` }
    : {
        name,
        level: 'warn',
        detail: `${bwrap} is installed but cannot make a sandbox here: ${r.line}`,
        hint: 'unprivileged user namespaces may be disabled (containers, kernel.unprivileged_userns_clone=0)',
      };
}

async function diskCheck(sandboxRoot: string): Promise<Check> {
  const name = 'disk space';
  // The folder is made by the first run: measure the nearest one that exists.
  let dir = sandboxRoot;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  try {
    const s = await statfs(dir);
    const free = s.bavail * s.bsize;
    const detail = `${gib(free)} free for sandboxes in ${sandboxRoot}`;
    if (free >= LOW_DISK) return { name, level: 'ok', detail };
    return {
      name,
      level: free < NO_DISK ? 'fail' : 'warn',
      detail,
      hint: 'each task gets a checkout of the repository: free space, or set sandbox.dir elsewhere',
    };
  } catch (e) {
    return { name, level: 'warn', detail: `cannot measure ${dir}: ${(e as Error).message}` };
  }
}

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)/m;

/** The editor's schema modeline: a broken one costs completion and checks in the editor, not a run. */
function modelineCheck(file: string): Check {
  const name = 'schema modeline';
  if (file.endsWith('package.json')) return { name, level: 'ok', detail: 'not used in package.json' };
  const ref = MODELINE.exec(readFileSync(file, 'utf8'))?.[1];
  if (ref === undefined)
    return {
      name,
      level: 'warn',
      detail: `${file} has no "# yaml-language-server: $schema=" line`,
      hint: 'add one for completion in editors: orchestra schema > orchestra.schema.json, then point it there',
    };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref))
    return { name, level: 'ok', detail: `${ref} (a URL, not fetched)` };
  const target = resolve(dirname(file), ref);
  return existsSync(target)
    ? { name, level: 'ok', detail: `${ref} resolves to ${target}` }
    : {
        name,
        level: 'warn',
        detail: `${ref} does not exist (from ${dirname(file)})`,
        hint: 'write the schema there with "orchestra schema > <path>", or fix the path in the modeline',
      };
}
