import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import { TaskGraph } from '../graph/task-graph.js';
import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { ConfigIssue } from './config-issue.js';
import { discoverWorkflow, SEARCH_PLACES, searchStop } from './discover.js';
import { normalize } from './normalize.js';
import { resultBranchIssue } from './result-branch.js';
import { collapseStrayKeys } from './stray-keys.js';
import { rules } from './rules/index.js';
import { validateSchema } from './schema-validator.js';
import { quickParse } from './quick-parse.js';
import { expandMatrices } from '../matrix/expand-matrix.js';
import { isRecord } from '../util/is-record.js';
import type { Workflow } from './workflow.js';

export interface LoadOptions {
  /** Where discovery starts and relative paths resolve (default: process.cwd()). */
  cwd?: string;
  /** --var overrides; each must name a declared variable. */
  vars?: Readonly<Record<string, string>>;
  /**
   * The values a recorded run was started with (rerun, resume): they replace the defaults of the
   * variables the workflow still declares, and --var replaces them.
   */
  recordedVars?: Readonly<Record<string, string>>;
}

/** Why a workflow could not be loaded, with the texts needed to print code frames. */
export interface LoadFailure {
  diagnostics: Diagnostic[];
  sources: ReadonlyMap<string, string>;
}

/** A workflow that is ready to run, with the graph built from it. */
export interface LoadedWorkflow {
  workflow: Workflow;
  graph: TaskGraph;
  /** The file's text, for locating later diagnostics. */
  source: string;
}

/**
 * Loads and validates a workflow: discovery, YAML with positions, schema, then the semantic rules.
 * Every problem is reported at once; this never throws for bad input.
 *
 * @param file path of the workflow; undefined = discover it from `cwd`.
 */
export async function loadWorkflow(
  file?: string,
  opts: LoadOptions = {},
): Promise<Result<LoadedWorkflow, LoadFailure>> {
  const cwd = opts.cwd ?? process.cwd();
  const found = file ? { file: resolve(cwd, file), root: [] } : await discoverWorkflow(cwd);
  if (!found) {
    const stop = searchStop(cwd);
    return failure([
      {
        severity: 'error',
        code: 'config-not-found',
        message: stop.inRepo
          ? `no workflow found in ${cwd} or its parents up to the repository root ${stop.dir}`
          : `no workflow found in ${cwd} or any folder above it (it is not in a git repository)`,
        hint: `create one with "orchestra init", or name it with -f (searched: ${SEARCH_PLACES.join(', ')})`,
      },
    ]);
  }
  let bytes: Buffer;
  try {
    // Read as node reads modules: an async read's first use cost the start ~5 ms here.
    bytes = readFileSync(found.file);
  } catch (e) {
    return failure([
      {
        severity: 'error',
        code: 'config-not-found',
        message: unreadable(found.file, (e as NodeJS.ErrnoException).code ?? String(e)),
      },
    ]);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const before = bytes.subarray(0, nul).toString('utf8');
    const location = {
      file: found.file,
      line: before.split('\n').length,
      col: before.length - before.lastIndexOf('\n'),
      length: 1,
    };
    return failure([
      {
        severity: 'error',
        code: 'not-text',
        message: 'not a text file: it contains a NUL byte',
        hint: 'a workflow is a YAML text file',
        location,
      },
    ]);
  }
  const text = bytes.toString('utf8');
  const vars = opts.vars ?? {};
  // A clean file never needs positions: check it on the fast parse and only build the
  // position-keeping document when there is something to report.
  const quick = quickParse(text, found.root);
  if (isRecord(quick)) {
    const checked = check(quick, found.file, vars, opts.recordedVars);
    const varProblems = varDiagnostics(vars, checked.workflow);
    if (checked.issues.length === 0 && varProblems.length === 0) return ok(loaded(checked, text));
  }

  // The position-keeping parser is loaded only when there is something to report.
  const { SourceDocument } = await import('./source-document.js');
  const doc = new SourceDocument(found.file, text, found.root);
  const sources = new Map([[found.file, text]]);
  if (doc.data === undefined && doc.diagnostics.length > 0)
    return err({ diagnostics: doc.diagnostics, sources });
  if (doc.data === undefined || doc.data === null) {
    return err({
      diagnostics: [
        {
          severity: 'error',
          code: 'empty-workflow',
          message: 'the workflow is empty',
          hint: 'run "orchestra init" for a commented starter file',
          location: doc.locate([]),
        },
      ],
      sources,
    });
  }
  const checked = check(doc.data, found.file, vars, opts.recordedVars);
  const diagnostics = doc.diagnostics.concat(
    checked.issues.map((i): Diagnostic => ({
      severity: 'error',
      code: i.code,
      path: formatPath(i.path),
      message: i.message,
      ...(i.hint ? { hint: i.hint } : {}),
      location: doc.locate(i.path, i.target, i.needle),
      ...(i.related
        ? { related: i.related.map((r) => ({ message: r.message, location: doc.locate(r.path, r.target) })) }
        : {}),
    })),
  );
  diagnostics.push(...varDiagnostics(vars, checked.workflow));
  if (diagnostics.length > 0) return err({ diagnostics: sortByPlace(diagnostics), sources });
  return ok(loaded(checked, text));
}

interface Checked {
  workflow: Workflow;
  graph: TaskGraph;
  issues: ConfigIssue[];
}

/**
 * Schema, normalisation and the semantic rules: every problem, located by path only. The rules see
 * the defaults of the variables; what depends on the values given (the result branch) is checked
 * with them.
 */
function check(
  data: unknown,
  file: string,
  vars: Readonly<Record<string, string>>,
  recordedVars: Readonly<Record<string, string>> = {},
): Checked {
  const issues: ConfigIssue[] = validateSchema(data);
  const { workflow, sites, issues: normalizeIssues } = normalize(data, file, {});
  issues.push(...normalizeIssues);
  const graph = new TaskGraph(workflow.tasks.values());
  for (const rule of rules) issues.push(...rule({ workflow, graph, sites }));
  // Undeclared names are left out here: varDiagnostics reports those given with --var.
  const given = Object.entries({ ...recordedVars, ...vars }).filter(([k]) => Object.hasOwn(workflow.vars, k));
  const withVars = {
    ...workflow,
    vars: Object.assign(
      Object.create(null) as Record<string, string>,
      workflow.vars,
      Object.fromEntries(given),
    ),
  };
  const branch = resultBranchIssue(withVars, vars);
  if (branch) issues.push(branch);
  return { workflow: withVars, graph, issues: collapseStrayKeys(data, issues) };
}

/** The validated workflow with its matrices expanded: each instance is a task of the graph. */
function loaded({ workflow, graph }: Checked, source: string): LoadedWorkflow {
  const expanded = expandMatrices(workflow);
  if (expanded === workflow) return { workflow, graph, source };
  return { workflow: expanded, graph: new TaskGraph(expanded.tasks.values()), source };
}

function varDiagnostics(vars: Readonly<Record<string, string>>, workflow: Workflow): Diagnostic[] {
  const declared = Object.keys(workflow.vars);
  return Object.keys(vars)
    .filter((k) => !declared.includes(k))
    .map((k) => ({
      severity: 'error',
      code: 'unknown-var',
      message: `--var ${k}: the workflow declares no variable "${k}"${didYouMean(k, declared)}`,
      hint: declared.length ? `declared: ${declared.join(', ')}` : 'declare it under "vars:" first',
    }));
}

function sortByPlace(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      (a.location?.line ?? Infinity) - (b.location?.line ?? Infinity) ||
      (a.location?.col ?? 0) - (b.location?.col ?? 0),
  );
}

function unreadable(file: string, code: string): string {
  if (code === 'ENOENT') return `${file} does not exist`;
  if (code === 'EISDIR') return `${file} is a folder, not a workflow file`;
  if (code === 'EACCES') return `cannot read ${file}: permission denied`;
  return `cannot read ${file}: ${code}`;
}

function failure(diagnostics: Diagnostic[]): Result<never, LoadFailure> {
  return err({ diagnostics, sources: new Map() });
}
