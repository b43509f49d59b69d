import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { didYouMean } from '../util/did-you-mean.js';
import type { ConfigIssue } from './config-issue.js';
import type { YamlPath } from './source-document.js';

const schemaUrl = new URL('../../schema/orchestra.schema.json', import.meta.url);

/** The schema as published, for `orchestra schema`. */
export function schemaText(): string {
  return readFileSync(schemaUrl, 'utf8');
}

let compiled: ValidateFunction | undefined;

/** Checks data against schema/orchestra.schema.json and turns ajv's errors into messages people read. */
export function validateSchema(data: unknown): ConfigIssue[] {
  compiled ??= new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(
    JSON.parse(schemaText()),
  );
  if (compiled(data)) return [];
  const errors = compiled.errors ?? [];
  const issues = collapseAlternatives(errors).flatMap((e) => toIssue(e, data));
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
      if (e.propertyName !== undefined) return [propertyNameIssue(path, e.propertyName, e.schemaPath)];
      return [schemaIssue(path, `"${String(e.data)}" does not match ${String(params.pattern)}`)];
    }
    case 'required':
      return [schemaIssue(path, `missing required key "${String(params.missingProperty)}"`)];
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
      return [
        schemaIssue(path, `expected ${parent?.description ?? 'a different value'}; got ${describe(e.data)}`),
      ];
    default:
      return [schemaIssue(path, e.message ?? 'is not valid')];
  }
}

function propertyNameIssue(path: YamlPath, name: string, schemaPath: string): ConfigIssue {
  const isTask = path.length === 1 && path[0] === 'tasks';
  return {
    path: [...path, name],
    target: 'key',
    code: isTask ? 'bad-task-id' : 'schema',
    message: isTask ? `invalid task id "${name}"` : `invalid name "${name}"`,
    hint: isTask
      ? 'task ids become branch and file names: lowercase letters, digits, ".", "_" and "-", starting with a letter or digit, no "..", not ending in "." or ".lock"'
      : `names start with a letter or digit and use letters, digits, ".", "_" and "-" (${schemaPath})`,
  };
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
