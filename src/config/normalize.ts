import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';
import type { ConfigIssue } from './config-issue.js';
import { bestOfDef } from '../best-of/best-of-def.js';
import { parseDuration } from './duration.js';
import { isRecord } from '../util/is-record.js';
import type { YamlPath } from './source-document.js';
import { literal, parseTemplate } from './template.js';
import { readMatrixSpec } from '../matrix/matrix-spec.js';
import type { Template } from './template.js';
import type {
  AgentDef,
  Budget,
  GateDef,
  IntegrateDef,
  Isolation,
  Keep,
  RawWorkflow,
  RepoDef,
  RoleDef,
  SandboxSettings,
  SandboxType,
  TaskDef,
  Workflow,
} from './workflow.js';

/** Which references a template may use depends on where it is written. */
export type TemplateContext =
  'prompt' | 'run' | 'task-env' | 'instructions' | 'agent-command' | 'shared' | 'integrate-branch';

/** Every template of the workflow with where it was written, for the reference checks. */
export interface TemplateSite {
  template: Template;
  path: YamlPath;
  context: TemplateContext;
  /** The task it belongs to, for `tasks.<id>.*` ancestry checks. */
  task?: string;
  /** Set when the text came from a `file:` reference. */
  fromFile?: string;
}

export interface Normalized {
  workflow: Workflow;
  sites: TemplateSite[];
  issues: ConfigIssue[];
}

/**
 * Turns the document into the resolved Workflow. Tolerant by design: the schema has already
 * reported malformed values, so they are skipped here and the semantic rules still see everything
 * that is well formed — all problems are reported in one pass.
 */
export function normalize(
  data: unknown,
  file: string,
  varOverrides: Readonly<Record<string, string>>,
): Normalized {
  const raw = isRecord(data) ? data : {};
  const issues: ConfigIssue[] = [];
  const sites: TemplateSite[] = [];
  const dir = resolve(file, '..');
  let readFiles = false;

  const template = (
    value: unknown,
    path: YamlPath,
    context: TemplateContext,
    opts: { task?: string; allowFile?: boolean } = {},
  ): Template | undefined => {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      return undefined;
    let text = String(value);
    let fromFile: string | undefined;
    if (opts.allowFile && text.startsWith('file:')) {
      fromFile = text.slice('file:'.length).trim();
      readFiles = true;
      const read = readTextFile(resolve(dir, fromFile));
      if (!read.ok) {
        issues.push({
          code: 'file-reference',
          path,
          message: `cannot read "${fromFile}": ${read.error}`,
          hint: 'file: paths are relative to the workflow file',
        });
        return literal('');
      }
      text = read.value;
    }
    const { template: t, errors } = parseTemplate(text);
    for (const e of errors) {
      issues.push({
        code: 'template',
        path,
        ...(fromFile ? {} : { needle: e.raw }),
        message: fromFile ? `in ${fromFile}: ${e.message}` : e.message,
      });
    }
    sites.push({
      template: t,
      path,
      context,
      ...(opts.task ? { task: opts.task } : {}),
      ...(fromFile ? { fromFile } : {}),
    });
    return t;
  };

  const env = (value: unknown, path: YamlPath, context: TemplateContext, task?: string) => {
    const out: Record<string, Template> = {};
    for (const [k, v] of entries(value)) {
      const t = template(v, [...path, k], context, task ? { task } : {});
      if (t) out[k] = t;
    }
    return out;
  };

  // No prototype: a variable may be named "__proto__".
  const vars = Object.create(null) as Record<string, string>;
  for (const [k, v] of entries(raw.vars)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') vars[k] = String(v);
  }
  Object.assign(vars, varOverrides);

  const rawSandbox = isRecord(raw.sandbox) ? raw.sandbox : {};
  const sandbox: SandboxSettings = {
    type: oneOf(rawSandbox.type, SANDBOX_TYPES) ?? 'worktree',
    base: str(rawSandbox.base) ?? 'HEAD',
    copy: strings(rawSandbox.copy),
    link: strings(rawSandbox.link),
    setup: templates(rawSandbox.setup, ['sandbox', 'setup'], 'shared', template),
    keep: oneOf(rawSandbox.keep, KEEPS) ?? 'on-failure',
    isolation: oneOf(rawSandbox.isolation, ISOLATIONS) ?? 'auto',
    network: strings(rawSandbox.network),
    readDeny: strings(rawSandbox.read_deny),
    write: strings(rawSandbox.write),
    ...(str(rawSandbox.dir) ? { dir: resolve(dir, str(rawSandbox.dir)!) } : {}),
  };

  const agents = new Map<string, AgentDef>();
  for (const [name, a] of entries(raw.agents)) {
    if (!isRecord(a)) continue;
    const command = Array.isArray(a.command)
      ? a.command.flatMap((c, i) => template(c, ['agents', name, 'command', i], 'agent-command') ?? [])
      : undefined;
    agents.set(name, {
      name,
      ...(command ? { command } : {}),
      stdin: a.stdin === true,
      args: strings(a.args),
      ...(int(a.concurrency) ? { concurrency: int(a.concurrency)! } : {}),
      ...(str(a.model) ? { model: str(a.model)! } : {}),
      env: env(a.env, ['agents', name, 'env'], 'shared'),
    });
  }

  const roles = new Map<string, RoleDef>();
  for (const [name, r] of entries(raw.roles)) {
    if (!isRecord(r)) continue;
    const instructions = template(r.instructions, ['roles', name, 'instructions'], 'instructions', {
      allowFile: true,
    });
    roles.set(name, {
      name,
      agent: str(r.agent) ?? '',
      ...(instructions ? { instructions } : {}),
      ...(str(r.model) ? { model: str(r.model)! } : {}),
      allow: strings(r.allow),
      forbid: strings(r.forbid),
    });
  }

  const gates = new Map<string, GateDef>();
  for (const [name, g] of entries(raw.gates)) {
    const spec = isRecord(g) ? g : { run: g };
    const run = template(spec.run, isRecord(g) ? ['gates', name, 'run'] : ['gates', name], 'shared');
    if (!run) continue;
    const timeoutMs = parseDuration(spec.timeout);
    gates.set(name, {
      name,
      run,
      ...(timeoutMs ? { timeoutMs } : {}),
      env: env(spec.env, ['gates', name, 'env'], 'shared'),
      attempts: typeof spec.attempts === 'number' ? spec.attempts : 1,
    });
  }

  /** Settings with the overrides of a `sandbox:` of a task or repository (most have none: one shared object). */
  const overrideSandbox = (base: SandboxSettings, raw: unknown, path: YamlPath): SandboxSettings =>
    isRecord(raw)
      ? {
          ...base,
          type: oneOf(raw.type, SANDBOX_TYPES) ?? base.type,
          keep: oneOf(raw.keep, KEEPS) ?? base.keep,
          isolation: oneOf(raw.isolation, ISOLATIONS) ?? base.isolation,
          ...(Array.isArray(raw.copy) ? { copy: strings(raw.copy) } : {}),
          ...(Array.isArray(raw.link) ? { link: strings(raw.link) } : {}),
          ...(Array.isArray(raw.setup)
            ? { setup: templates(raw.setup, [...path, 'setup'], 'shared', template) }
            : {}),
        }
      : base;

  const repos = new Map<string, RepoDef>();
  for (const [name, r] of entries(raw.repos)) {
    if (!isRecord(r)) continue;
    repos.set(name, {
      name,
      ...(str(r.path) ? { path: resolve(dir, str(r.path)!) } : {}),
      ...(str(r.url) ? { url: str(r.url)! } : {}),
      base: str(r.base) ?? 'HEAD',
      push: r.push === true,
      sandbox: overrideSandbox(sandbox, r.sandbox, ['repos', name, 'sandbox']),
      ...(Array.isArray(r.verify) ? { verify: strings(r.verify) } : {}),
    });
  }

  const tasks = new Map<string, TaskDef>();
  for (const [id, t] of entries(raw.tasks)) {
    if (!isRecord(t)) continue;
    const path = ['tasks', id];
    const role = str(t.role);
    const agent = str(t.agent) ?? (role ? roles.get(role)?.agent : undefined);
    const model =
      str(t.model) ??
      (role ? roles.get(role)?.model : undefined) ??
      (agent ? agents.get(agent)?.model : undefined);
    const prompt = template(t.prompt, [...path, 'prompt'], 'prompt', { task: id, allowFile: true });
    const run = template(t.run, [...path, 'run'], 'run', { task: id });
    const approval = template(t.approval, [...path, 'approval'], 'run', { task: id });
    const timeoutMs = parseDuration(t.timeout);
    const matrix = readMatrixSpec(t.matrix);
    const taskBudget = budget(t.budget);
    const repo = str(t.repo) === 'self' ? undefined : str(t.repo);
    tasks.set(id, {
      id,
      kind: taskKind(prompt, run, approval),
      ...(role ? { role } : {}),
      ...(agent ? { agent } : {}),
      ...(model ? { model } : {}),
      ...(prompt ? { prompt } : {}),
      ...(run ? { run } : {}),
      ...(approval ? { approval } : {}),
      needs: strings(t.needs),
      ...(repo ? { repo } : {}),
      verify: strings(t.verify),
      retries: int(t.retries) ?? 0,
      ...(timeoutMs ? { timeoutMs } : {}),
      env: env(t.env, [...path, 'env'], 'task-env', id),
      // Most tasks take the workflow's settings as they are: one shared object, not 2,000 copies.
      sandbox: overrideSandbox(repos.get(repo ?? '')?.sandbox ?? sandbox, t.sandbox, [...path, 'sandbox']),
      requireChanges: t.require_changes === true,
      ...(typeof t.if === 'string' || typeof t.if === 'boolean' ? { if: String(t.if) } : {}),
      ...(matrix ? { matrix } : {}),
      ...(taskBudget ? { budget: taskBudget } : {}),
      ...withBestOf(t),
    });
  }

  const rawIntegrate = isRecord(raw.integrate) ? raw.integrate : {};
  const integrate: IntegrateDef = {
    branch:
      template(rawIntegrate.branch, ['integrate', 'branch'], 'integrate-branch') ??
      parseTemplate('orchestra/${{ run.id }}').template,
    strategy: oneOf(rawIntegrate.strategy, ['merge', 'squash', 'rebase'] as const) ?? 'merge',
    ...(Array.isArray(rawIntegrate.tasks) ? { tasks: strings(rawIntegrate.tasks) } : {}),
    verify: strings(rawIntegrate.verify),
    ...(isRecord(rawIntegrate.resolve) && str(rawIntegrate.resolve.role)
      ? {
          resolve: { role: str(rawIntegrate.resolve.role)!, retries: int(rawIntegrate.resolve.retries) ?? 1 },
        }
      : {}),
  };

  const runBudget = budget(raw.budget);
  const workflow: Workflow = {
    file,
    name: str(raw.name) ?? resolve(file).split('/').slice(-2).join('/'),
    vars,
    concurrency: int(raw.concurrency) ?? Math.max(1, availableParallelism()),
    matrixLimit: int(raw.matrix_limit) || DEFAULT_MATRIX_LIMIT,
    ...(runBudget ? { budget: runBudget } : {}),
    sandbox,
    agents,
    roles,
    gates,
    tasks,
    integrate,
    repos,
    raw: (readFiles ? inlineFiles(raw, roles, tasks) : raw) as unknown as RawWorkflow,
  };
  return { workflow, sites, issues };
}

/** A prompt makes an agent task even beside `run`/`approval` (the task-kind rule reports the mix). */
function taskKind(prompt: unknown, run: unknown, approval: unknown): TaskDef['kind'] {
  if (prompt !== undefined) return 'agent';
  if (run !== undefined) return 'command';
  return approval !== undefined ? 'approval' : 'agent';
}

/** A well-formed `budget:` (the schema reports the rest). */
function budget(value: unknown): Budget | undefined {
  if (!isRecord(value)) return undefined;
  const usd = typeof value.usd === 'number' && value.usd > 0 ? value.usd : undefined;
  const tokens = int(value.tokens);
  if (usd === undefined && tokens === undefined) return undefined;
  return { ...(usd !== undefined ? { usd } : {}), ...(tokens !== undefined ? { tokens } : {}) };
}

/** `file:` texts are prompts and instructions: regular files of a sane size (not /dev/zero, not a FIFO). */
const MAX_FILE_BYTES = 1024 * 1024;

function readTextFile(path: string): Result<string, string> {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return err('not a regular file');
    if (stat.size > MAX_FILE_BYTES)
      return err(`it has ${Math.round(stat.size / 1024)} KiB, more than the 1 MiB a prompt may have`);
    return ok(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err(
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? String(e)),
    );
  }
}

/** A planner's output cannot start more agents than this by default. */
const DEFAULT_MATRIX_LIMIT = 256;

const SANDBOX_TYPES = ['worktree', 'clone', 'jj', 'none'] as const satisfies readonly SandboxType[];
const KEEPS = ['never', 'on-failure', 'always'] as const satisfies readonly Keep[];
const ISOLATIONS = ['auto', 'os', 'none'] as const satisfies readonly Isolation[];

/** The raw form with `file:` texts inlined, so a recorded run and its fingerprints see the real prompt. */
function inlineFiles(
  raw: Record<string, unknown>,
  roles: ReadonlyMap<string, RoleDef>,
  tasks: ReadonlyMap<string, TaskDef>,
): Record<string, unknown> {
  const copy = structuredClone(raw);
  for (const [name, r] of entries(copy.roles)) {
    if (isRecord(r) && typeof r.instructions === 'string')
      r.instructions = roles.get(name)?.instructions?.source;
  }
  for (const [id, t] of entries(copy.tasks)) {
    if (isRecord(t) && typeof t.prompt === 'string') t.prompt = tasks.get(id)?.prompt?.source;
  }
  return copy;
}

function templates(
  value: unknown,
  path: YamlPath,
  context: TemplateContext,
  make: (v: unknown, p: YamlPath, c: TemplateContext) => Template | undefined,
): Template[] {
  return Array.isArray(value) ? value.flatMap((v, i) => make(v, [...path, i], context) ?? []) : [];
}

function withBestOf(t: Record<string, unknown>): Pick<TaskDef, 'bestOf'> {
  const bestOf = bestOfDef(t);
  return bestOf ? { bestOf } : {};
}

function entries(v: unknown): [string, unknown][] {
  return isRecord(v) ? Object.entries(v) : [];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function int(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[]): T | undefined {
  return allowed.includes(v as T) ? (v as T) : undefined;
}
