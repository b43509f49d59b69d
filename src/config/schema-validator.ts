import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
// Compiled ahead of time from the schema by scripts/gen-types.mjs (ajv's compiler costs start-up time).
import { validate as generatedValidate } from './schema-validate.generated.js';
import { closest, didYouMean } from '../util/did-you-mean.js';
import { packageFile } from '../util/package-file.js';
import type { ConfigIssue } from './config-issue.js';
import type { YamlPath } from './source-document.js';

/** The schema as published, for `orchestra schema`. */
export function schemaText(): string {
  return readFileSync(packageFile('schema/orchestra.schema.json'), 'utf8');
}

/** Checks data against schema/orchestra.schema.json and turns ajv's errors into messages people read. */
export function validateSchema(data: unknown): ConfigIssue[] {
  const validate = generatedValidate as ValidateFunction;
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  const issues = dropMisspelledRequired(collapseAlternatives(errors)).flatMap((e) => toIssue(e, data));
  // One message per place: allErrors can report the same violation through several schema paths.
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path.join('\0')}|${i.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * `oneOf` failures report every branch. Keep the errors of the branch whose type matches the value
 * (an object gate with a misspelled key should say "unknown key"), else a single "expected …".
 */
function collapseAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const oneOfs = errors.filter((e) => e.keyword === 'oneOf');
  if (oneOfs.length === 0) return errors;
  const out = errors.filter((e) => !oneOfs.some((o) => isBranchError(e, o)) && e.keyword !== 'oneOf');
  for (const o of oneOfs) {
    const branches = o.schema as { type?: string }[];
    const type = jsonType(o.data);
    const matching = errors.filter(
      (e) => isBranchError(e, o) && e.keyword !== 'type' && branches[branchIndex(e, o)]?.type === type,
    );
    // A bare pattern miss says less than the alternative's own description ("a duration such as 30s…").
    out.push(...(matching.some((e) => e.keyword !== 'pattern') ? matching : [o]));
  }
  return out;
}

/**
 * A misspelled required key (`task:` for `tasks:`) is one mistake: the unknown key, with its "did you
 * mean", says it all, and "missing required key" at the same place would be its echo.
 */
function dropMisspelledRequired(errors: ErrorObject[]): ErrorObject[] {
  const meant = new Set(
    errors.flatMap((e) => {
      if (e.keyword !== 'additionalProperties') return [];
      const parent = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
      const key = String((e.params as { additionalProperty?: unknown }).additionalProperty);
      const suggestion = closest(key, Object.keys(parent?.properties ?? {}));
      return suggestion === undefined ? [] : [`${e.instancePath}/${suggestion}`];
    }),
  );
  return errors.filter(
    (e) =>
      e.keyword !== 'required' ||
      !meant.has(`${e.instancePath}/${String((e.params as { missingProperty?: unknown }).missingProperty)}`),
  );
}

function isBranchError(e: ErrorObject, o: ErrorObject): boolean {
  return e !== o && e.schemaPath.startsWith(`${o.schemaPath}/`);
}

function branchIndex(e: ErrorObject, o: ErrorObject): number {
  return Number(e.schemaPath.slice(o.schemaPath.length + 1).split('/')[0]);
}

function toIssue(e: ErrorObject, root: unknown): ConfigIssue[] {
  const path = pointerToPath(e.instancePath, root);
  const parent = e.parentSchema as { properties?: Record<string, unknown>; description?: string } | undefined;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(parent?.properties ?? {});
      const suggestion = didYouMean(key, allowed);
      return [
        {
          path: [...path, key],
          target: 'key',
          code: 'unknown-key',
          message: `unknown key "${key}"${suggestion}`,
          hint: `allowed here: ${allowed.join(', ')}`,
        },
      ];
    }
    case 'propertyNames':
      // Reported through the nested pattern error, which carries the name.
      return [];
    case 'pattern': {
      if (e.propertyName !== undefined) return [propertyNameIssue(path, e.propertyName)];
      return [schemaIssue(path, `"${String(e.data)}" does not match ${String(params.pattern)}`)];
    }
    case 'required': {
      const missing = String(params.missingProperty);
      const hint = REQUIRED_HINTS[missing];
      return [
        {
          ...schemaIssue(path, `missing required key "${missing}"`),
          target: 'key',
          ...(hint ? { hint } : {}),
        },
      ];
    }
    case 'type':
      return [schemaIssue(path, `expected ${article(String(params.type))}, got ${describe(e.data)}`)];
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      return [
        schemaIssue(
          path,
          `expected one of ${allowed.join(', ')}; got ${describe(e.data)}${didYouMean(String(e.data), allowed)}`,
        ),
      ];
    }
    case 'const':
      return [schemaIssue(path, `expected ${JSON.stringify(params.allowedValue)}, got ${describe(e.data)}`)];
    case 'minProperties':
      return [schemaIssue(path, `must not be empty`)];
    case 'minItems':
      return [schemaIssue(path, `must have at least ${String(params.limit)} item(s)`)];
    case 'minLength':
      return [schemaIssue(path, 'must not be empty')];
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
      return [
        schemaIssue(
          path,
          `must be ${String(params.comparison)} ${String(params.limit)}, got ${describe(e.data)}`,
        ),
      ];
    case 'oneOf':
      return [schemaIssue(path, `expected ${expectation(parent?.description)}, got ${describe(e.data)}`)];
    default:
      return [schemaIssue(path, e.message ?? 'is not valid')];
  }
}

function propertyNameIssue(path: YamlPath, name: string): ConfigIssue {
  const kind =
    path[0] === 'tasks' && path.length === 1
      ? 'task'
      : path.at(-1) === 'env'
        ? 'env'
        : path[0] === 'vars'
          ? 'var'
          : 'name';
  const what = { task: 'task id', env: 'environment variable name', var: 'variable name', name: 'name' }[
    kind
  ];
  return {
    path: [...path, name],
    target: 'key',
    code: kind === 'task' ? 'bad-task-id' : 'schema',
    message: `invalid ${what} "${name}"`,
    hint: NAME_RULES[kind],
  };
}

const NAME_RULES = {
  task: 'task ids become branch and file names: lowercase letters, digits, ".", "_" and "-", starting with a letter or digit, no "..", not ending in "." or ".lock"',
  var: 'variable names use letters, digits, "_" and "-", starting with a letter or "_"',
  env: 'environment variable names use letters, digits and "_", not starting with a digit',
  name: 'names use letters, digits, ".", "_" and "-", starting with a letter or digit',
} as const;

const REQUIRED_HINTS: Partial<Record<string, string>> = {
  agent: 'a role runs on an agent, e.g. agent: claude',
  tasks: 'a workflow needs at least one task under "tasks:"',
  run: 'a gate object is { run: <command>, timeout, env }',
};

/** A schema description as the end of "expected …": "A duration such as 30s." → "a duration such as 30s". */
function expectation(description: string | undefined): string {
  if (!description) return 'a different value';
  return `${description[0]!.toLowerCase()}${description.slice(1)}`.replace(/\.$/, '');
}

function schemaIssue(path: YamlPath, message: string): ConfigIssue {
  return { path, target: 'value', code: 'schema', message };
}

/** `/tasks/a~1b/needs/0` → `['tasks', 'a/b', 'needs', 0]`: numbers only where the value is a list. */
function pointerToPath(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(node) ? Number(seg) : seg;
    path.push(key);
    node = (node as Record<string | number, unknown> | undefined)?.[key];
  }
  return path;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return `${typeof v} ${JSON.stringify(v) ?? typeof v}`;
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'true or false',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ');
}
