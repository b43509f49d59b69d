import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { parse } from 'yaml';
import { combinations } from '../../src/matrix/combinations.js';
import type { Combination, MatrixValue } from '../../src/matrix/matrix-spec.js';

/**
 * A stand-in for GitHub Actions running a generated workflow: jobs in topological order (matrix
 * legs at once, as GitHub starts them), each leg in a fresh clone of the bare repository that plays
 * GitHub (`origin`), running only the steps that invoke `orchestra` with GitHub's expressions
 * evaluated by GitHub's own evaluator. Checkout and install steps are skipped: `orchestra` is the
 * built CLI on PATH.
 */

interface StepDef {
  id?: string;
  uses?: string;
  env?: Record<string, string>;
  run?: string;
}
interface JobDef {
  needs?: string[];
  if?: string;
  strategy?: { matrix?: Record<string, unknown> };
  outputs?: Record<string, string>;
  steps: StepDef[];
}
export interface Workflow {
  on: { workflow_dispatch: { inputs?: Record<string, { default?: string }> } | null };
  jobs: Record<string, JobDef>;
}

export type JobResult = 'success' | 'failure' | 'skipped';

/** One leg of a job as it ran. */
export interface Leg {
  job: string;
  matrix: Combination;
  result: JobResult;
  commands: string[];
  /** What the steps wrote to `$GITHUB_STEP_SUMMARY`. */
  summary: string;
  output: string;
}

export interface JobState {
  result: JobResult;
  outputs: Record<string, string>;
  legs: Leg[];
}

export interface SimulationOptions {
  /** The bare repository standing in for GitHub. */
  origin: string;
  /** Where the clones, shim and per-step files go. */
  workDir: string;
  /** The built CLI (dist/bin/orchestra.cjs). */
  cli: string;
  inputs?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  githubRunId?: string;
}

export class ActionsSimulation {
  readonly workflow: Workflow;
  readonly jobs = new Map<string, JobState>();
  readonly #shim: string;
  #clones = 0;

  constructor(
    yamlText: string,
    private readonly opts: SimulationOptions,
  ) {
    this.workflow = parse(yamlText) as Workflow;
    this.#shim = join(opts.workDir, 'bin');
    mkdirSync(this.#shim, { recursive: true });
    const orchestra = join(this.#shim, 'orchestra');
    writeFileSync(orchestra, `#!/bin/sh\nexec "${process.execPath}" "${opts.cli}" "$@"\n`);
    chmodSync(orchestra, 0o755);
  }

  /** Every job in topological order (GitHub's order: a job starts once its needs are done). */
  async runAll(): Promise<void> {
    for (const job of this.order()) await this.runJob(job);
  }

  /** Runs one job (again): GitHub's "Re-run job", with its needs' results as they are. */
  async runJob(job: string): Promise<JobState> {
    const def = this.workflow.jobs[job]!;
    const needs = Object.fromEntries(
      (def.needs ?? []).map((n) => {
        const s = this.jobs.get(n);
        return [n, { result: s?.result ?? 'skipped', outputs: s?.outputs ?? {} }];
      }),
    );
    const base = { github: this.github(), inputs: this.inputs(), needs, secrets: {} };
    if (!this.condition(job, def, base)) {
      const state: JobState = { result: 'skipped', outputs: {}, legs: [] };
      this.jobs.set(job, state);
      return state;
    }
    const legs = await Promise.all(
      this.matrix(def, base).map((combo) => this.runLeg(job, def, { ...base, matrix: combo })),
    );
    const state: JobState = {
      result: legs.some((l) => l.leg.result === 'failure') ? 'failure' : 'success',
      outputs: Object.assign({}, ...legs.map((l) => l.outputs)) as Record<string, string>,
      legs: legs.map((l) => l.leg),
    };
    this.jobs.set(job, state);
    return state;
  }

  order(): string[] {
    const done = new Set<string>();
    const out: string[] = [];
    const names = Object.keys(this.workflow.jobs);
    while (out.length < names.length) {
      const next = names.find(
        (n) => !done.has(n) && (this.workflow.jobs[n]!.needs ?? []).every((d) => done.has(d)),
      );
      if (!next) throw new Error('the jobs have a cycle');
      done.add(next);
      out.push(next);
    }
    return out;
  }

  /** The job's `if:` as GitHub reads it: without a status function it is `success() && (…)`. */
  private condition(job: string, def: JobDef, context: Record<string, unknown>): boolean {
    const ancestors = this.ancestors(job).map((a) => this.jobs.get(a)?.result ?? 'skipped');
    const status = {
      success: () => ancestors.every((r) => r === 'success'),
      failure: () => ancestors.some((r) => r === 'failure'),
      always: () => true,
      cancelled: () => false,
    };
    if (def.if === undefined) return status.success();
    const text = unwrap(def.if);
    const calls = /\b(success|failure|always|cancelled)\s*\(/.test(text);
    const value = evaluate(calls ? text : `success() && (${text})`, context, status);
    return truthy(value);
  }

  private ancestors(job: string): string[] {
    const seen = new Set<string>();
    const visit = (j: string) => {
      for (const n of this.workflow.jobs[j]!.needs ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        visit(n);
      }
    };
    visit(job);
    return [...seen];
  }

  private matrix(def: JobDef, context: Record<string, unknown>): Combination[] {
    const m = def.strategy?.matrix;
    if (!m) return [{}];
    const axes: Record<string, MatrixValue[]> = {};
    for (const [key, v] of Object.entries(m)) {
      if (key === 'include' || key === 'exclude') continue;
      axes[key] = (typeof v === 'string' ? evaluate(unwrap(v), context) : v) as MatrixValue[];
    }
    const combos = combinations(axes, (m.include ?? []) as Combination[], (m.exclude ?? []) as Combination[]);
    if (combos.length === 0) throw new Error('GitHub fails a job whose matrix has no combination');
    return combos;
  }

  private async runLeg(
    job: string,
    def: JobDef,
    context: Record<string, unknown>,
  ): Promise<{ leg: Leg; outputs: Record<string, string> }> {
    const dir = join(this.opts.workDir, `clone-${++this.#clones}-${job}`);
    execFileSync('git', ['clone', '-q', this.opts.origin, dir]);
    const summary = join(dir, '..', `summary-${this.#clones}.md`);
    writeFileSync(summary, '');
    const leg: Leg = {
      job,
      matrix: context.matrix as Combination,
      result: 'success',
      commands: [],
      summary: '',
      output: '',
    };
    const steps: Record<string, { outputs: Record<string, string> }> = {};
    for (const [i, step] of def.steps.entries()) {
      if (step.uses || !step.run || !/^\s*orchestra\s/m.test(step.run)) continue;
      const outputFile = join(dir, '..', `output-${this.#clones}-${i}`);
      writeFileSync(outputFile, '');
      const stepContext = { ...context, steps };
      const env = Object.fromEntries(
        Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(v, stepContext)]),
      );
      const script = substitute(step.run, stepContext);
      leg.commands.push(script);
      const r = await sh(script, dir, {
        ...process.env,
        ...this.opts.env,
        ...env,
        PATH: `${this.#shim}:${process.env.PATH ?? ''}`,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_ACTOR: 'octocat',
        GITHUB_ACTIONS: 'true',
        NO_COLOR: '1',
      });
      leg.output += r.output;
      if (step.id) steps[step.id] = { outputs: readOutputs(outputFile) };
      if (r.code !== 0) {
        leg.result = 'failure';
        break;
      }
    }
    leg.summary = readFileSync(summary, 'utf8');
    const outputs = Object.fromEntries(
      Object.entries(def.outputs ?? {}).map(([k, v]) => [k, substitute(v, { ...context, steps })]),
    );
    return { leg, outputs };
  }

  private github() {
    return {
      run_id: this.opts.githubRunId ?? '4242',
      run_attempt: '1',
      workflow: 'orchestra',
      ref: 'refs/heads/main',
      actor: 'octocat',
    };
  }

  private inputs(): Record<string, string> {
    const declared = this.workflow.on.workflow_dispatch?.inputs ?? {};
    return {
      ...Object.fromEntries(Object.entries(declared).map(([k, v]) => [k, String(v.default ?? '')])),
      ...this.opts.inputs,
    };
  }
}

/** `name=value` and `name<<DELIM` … `DELIM` lines, GitHub's format for `$GITHUB_OUTPUT`. */
export function readOutputs(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const out: Record<string, string> = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const body: string[] = [];
      while (++i < lines.length && lines[i] !== heredoc[2]) body.push(lines[i]!);
      out[heredoc[1]!] = body.join('\n');
    } else if (line.includes('=')) out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return out;
}

function sh(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-e', '-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const unwrap = (text: string) => /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text)?.[1]?.trim() ?? text.trim();

/** A string with each `${{ … }}` replaced by its value as GitHub writes it into a string. */
function substitute(text: string, context: Record<string, unknown>): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) => {
    const v = evaluate(expr.trim(), context);
    if (v === null || v === undefined) return '';
    return typeof v === 'string' ? v : JSON.stringify(v, null, 2);
  });
}

function evaluate(
  text: string,
  context: Record<string, unknown>,
  status: Record<string, () => boolean> = {},
): unknown {
  const functions: FunctionDefinition[] = Object.entries(status).map(([name, call]) => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(call()),
  }));
  const { tokens } = new Lexer(text).lex();
  const ast = new Parser(tokens, Object.keys(context), functions).parse();
  const dictionary = JSON.parse(JSON.stringify(context), data.reviver) as data.Dictionary;
  const result = new Evaluator(ast, dictionary, new Map(functions.map((f) => [f.name, f]))).evaluate();
  return JSON.parse(JSON.stringify(result, data.replacer)) as unknown;
}

function truthy(v: unknown): boolean {
  return !(v === false || v === null || v === undefined || v === 0 || v === '' || Number.isNaN(v));
}
