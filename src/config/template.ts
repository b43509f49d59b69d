/** A `${{ … }}` reference inside a string, with where it sits in that string. */
export interface TemplateRef {
  /** The expression, trimmed: `vars.spec`, `tasks.auth-tests.summary`, `prompt`. */
  expr: string;
  /** The whole `${{ … }}` text as written, to find it in the source. */
  raw: string;
}

/** A string with `${{ … }}` references, parsed once at load time. */
export interface Template {
  readonly source: string;
  readonly parts: readonly (string | TemplateRef)[];
}

/** A reference the parser could not read (unterminated `${{`, empty or malformed expression). */
export interface TemplateSyntaxError {
  raw: string;
  message: string;
}

const OPEN = '${{';
const CLOSE = '}}';
const EXPR = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/;

/** Splits a string into literal text and references. */
export function parseTemplate(source: string): { template: Template; errors: TemplateSyntaxError[] } {
  const parts: (string | TemplateRef)[] = [];
  const errors: TemplateSyntaxError[] = [];
  let i = 0;
  while (i < source.length) {
    const start = source.indexOf(OPEN, i);
    if (start < 0) break;
    if (start > i) parts.push(source.slice(i, start));
    const end = source.indexOf(CLOSE, start + OPEN.length);
    if (end < 0) {
      const raw = source.slice(start, start + 20);
      errors.push({ raw, message: `unterminated "\${{": add the closing "}}"` });
      parts.push(source.slice(start));
      i = source.length;
      break;
    }
    const raw = source.slice(start, end + CLOSE.length);
    const expr = source.slice(start + OPEN.length, end).trim();
    if (!EXPR.test(expr)) {
      errors.push({
        raw,
        message: expr ? `cannot read the expression "${expr}"` : 'empty "${{ }}" expression',
      });
      parts.push(raw);
    } else {
      parts.push({ expr, raw });
    }
    i = end + CLOSE.length;
  }
  if (i < source.length) parts.push(source.slice(i));
  return { template: { source, parts }, errors };
}

/** The references of a template. */
export function templateRefs(t: Template): TemplateRef[] {
  return t.parts.filter((p): p is TemplateRef => typeof p !== 'string');
}

/**
 * Values for references: a lookup by expression. Validation guarantees every expression it is asked
 * for exists, so a missing one is a bug, not a user error.
 */
export type TemplateValues = (expr: string) => string | undefined;

/** Substitutes every reference. */
export function renderTemplate(t: Template, values: TemplateValues): string {
  return t.parts.map((p) => (typeof p === 'string' ? p : valueOf(p, values))).join('');
}

/**
 * Substitutes every reference but those `keep` names, which stay references: a substituted value is
 * never read as a template again (a variable holding the text `${{ prompt }}` stays that text).
 */
export function renderExcept(t: Template, values: TemplateValues, keep: (expr: string) => boolean): Template {
  return {
    source: t.source,
    parts: t.parts.map((p) => (typeof p === 'string' || keep(p.expr) ? p : valueOf(p, values))),
  };
}

function valueOf(ref: TemplateRef, values: TemplateValues): string {
  const v = values(ref.expr);
  if (v === undefined) throw new Error(`template reference ${ref.expr} has no value`);
  return v;
}

/**
 * The task and field a `tasks.…` reference names (`tail` is what follows `tasks.`):
 * `plan.summary` is plan's summary, `plan.outputs.items` plan's output "items" (field `outputs`).
 */
export function taskReference(tail: string): { id: string; field: string; output?: string } {
  const outputs = /^(.+)\.outputs\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(tail);
  if (outputs) return { id: outputs[1]!, field: 'outputs', output: outputs[2]! };
  const dot = tail.lastIndexOf('.');
  return dot < 0 ? { id: tail, field: '' } : { id: tail.slice(0, dot), field: tail.slice(dot + 1) };
}

/** A template with no references. */
export function literal(source: string): Template {
  return { source, parts: source ? [source] : [] };
}
