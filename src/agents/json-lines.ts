/** A parsed JSON object whose shape is not trusted: read it through `get`, `str` and `num`. */
export type JsonObject = Record<string, unknown>;

/**
 * The JSON objects among the lines of `text`. Anything else is skipped: the first line of a tail is
 * usually cut in the middle, and CLIs mix plain text (warnings on stderr) into their JSON streams.
 */
export function jsonLines(text: string): JsonObject[] {
  const objects: JsonObject[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) continue;
    try {
      const value: unknown = JSON.parse(trimmed);
      if (isObject(value)) objects.push(value);
    } catch {
      // not JSON after all
    }
  }
  return objects;
}

/**
 * The last pretty-printed JSON object in `text` (one that starts with `{` at the beginning of a line),
 * for CLIs whose JSON mode prints one multi-line object at the end.
 */
export function lastJsonDocument(text: string): JsonObject | undefined {
  let end = text.length;
  for (;;) {
    const start = text.lastIndexOf('\n{', end - 1);
    const from = start === -1 ? (text.startsWith('{') ? 0 : -1) : start + 1;
    if (from === -1) return undefined;
    try {
      const value: unknown = JSON.parse(text.slice(from));
      if (isObject(value)) return value;
    } catch {
      // trailing text after the object, or an inner line that starts with '{': look further up
    }
    if (from === 0) return undefined;
    end = from - 1;
  }
}

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a path of keys through nested objects. */
export function get(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The string at `path`, or undefined when it is missing or not a string. */
export function str(value: unknown, ...path: string[]): string | undefined {
  const found = get(value, ...path);
  return typeof found === 'string' ? found : undefined;
}

/** The finite number at `path`, or undefined when it is missing or not a number. */
export function num(value: unknown, ...path: string[]): number | undefined {
  const found = get(value, ...path);
  return typeof found === 'number' && Number.isFinite(found) ? found : undefined;
}
