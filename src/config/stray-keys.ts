import { isRecord } from '../util/is-record.js';
import type { ConfigIssue } from './config-issue.js';
import { schemaText } from './schema-validator.js';

/** The named collections whose entries are mappings, and the schema definition of an entry. */
const COLLECTIONS = { tasks: 'Task', roles: 'Role', agents: 'Agent' } as const;
type Collection = keyof typeof COLLECTIONS;
const KIND: Record<Collection, string> = { tasks: 'task', roles: 'role', agents: 'agent' };

/**
 * One line indented too little puts a task's key (`run: make`) beside the task instead of inside it:
 * the schema then finds a task named "run" that is not a mapping, and the rules find the task it
 * was taken from empty or half made. That is one mistake: it is reported once, at the stray key,
 * and what follows from it is dropped.
 */
export function collapseStrayKeys(data: unknown, issues: ConfigIssue[]): ConfigIssue[] {
  if (issues.length === 0 || !isRecord(data)) return issues;
  const definitions = (JSON.parse(schemaText()) as { definitions: Record<string, { properties: object }> })
    .definitions;
  const strays: { collection: Collection; owner: string; keys: string[] }[] = [];
  for (const collection of Object.keys(COLLECTIONS) as Collection[]) {
    const entries = data[collection];
    if (!isRecord(entries)) continue;
    const props = new Set(Object.keys(definitions[COLLECTIONS[collection]]!.properties));
    let owner: string | undefined;
    for (const [key, value] of Object.entries(entries)) {
      const stray = owner !== undefined && props.has(key) && (!isRecord(value) || entries[owner] === null);
      if (!stray) {
        owner = key;
        continue;
      }
      const last = strays.at(-1);
      if (last?.collection === collection && last.owner === owner) last.keys.push(key);
      else strays.push({ collection, owner: owner!, keys: [key] });
    }
  }
  if (strays.length === 0) return issues;
  const derived = (i: ConfigIssue) =>
    strays.some(
      ({ collection, owner, keys }) =>
        i.path[0] === collection &&
        (keys.includes(String(i.path[1])) ||
          (i.path[1] === owner && (i.path.length === 2 || i.code === 'task-kind'))),
    );
  const kept = issues.filter((i) => !derived(i));
  for (const { collection, owner, keys } of strays) {
    const names = keys.map((k) => `"${k}"`);
    const listed = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}` : names[0]!;
    kept.push({
      code: 'schema',
      path: [collection, keys[0]!],
      target: 'key',
      message: `${listed} ${keys.length > 1 ? 'are keys' : 'is a key'} of ${KIND[collection]} "${owner}" but ${keys.length > 1 ? 'are' : 'is'} not indented under it`,
      hint: `indent ${keys.length > 1 ? 'them' : 'it'} further than "${owner}:"`,
    });
  }
  return kept;
}
