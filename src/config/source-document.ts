import { Composer, isMap, isPair, isScalar, isSeq, LineCounter, Parser, visit, YAMLParseError } from 'yaml';
import type { CST, Document, Node } from 'yaml';
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import { isRecord } from '../util/is-record.js';
import { MAX_NESTING, quotedValueAt, tooDeep } from './yaml-cst.js';

export type YamlPath = readonly (string | number)[];

/** What a location should point at: the key of a mapping entry or its value. */
export type Target = 'key' | 'value';

/**
 * A parsed YAML file that remembers where every node came from, so any later stage can point at
 * `file:line:col` from a path alone.
 */
export class SourceDocument {
  readonly data: unknown;
  readonly diagnostics: Diagnostic[] = [];
  readonly #doc: Document.Parsed | undefined;
  readonly #lines = new LineCounter();
  readonly #tokens: CST.Token[];

  /**
   * @param root path of the workflow inside the document (`['orchestra']` for package.json).
   */
  constructor(
    readonly file: string,
    readonly text: string,
    readonly root: YamlPath = [],
  ) {
    // parseDocument's two steps, so that the syntax tree can be checked before it is composed.
    this.#tokens = [...new Parser(this.#lines.addNewLine).parse(text)];
    const deep = tooDeep(this.#tokens);
    if (deep !== undefined) {
      this.data = undefined;
      this.diagnostics.push({
        severity: 'error',
        code: 'yaml-syntax',
        message: `the YAML is nested more than ${MAX_NESTING} levels deep here`,
        hint: 'a workflow needs a few levels; look for brackets opened and never closed',
        location: this.#at(deep, 1),
      });
      return;
    }
    this.#doc = compose(this.#tokens, text.length);
    // One message per place: the parser often reports a single mistake twice from the same offset.
    const seen = new Set<number>();
    for (const e of this.#doc.errors) {
      if (seen.has(e.pos[0])) continue;
      seen.add(e.pos[0]);
      this.diagnostics.push(this.#syntaxError(e.code, e.message, e.pos));
    }
    if (this.#doc.errors.length > 0) {
      this.data = undefined;
      return;
    }
    this.#refuseTags(this.#doc);
    try {
      // maxAliasCount bounds alias expansion: a "billion laughs" file fails here instead of eating memory.
      const js: unknown = this.#doc.toJS({ maxAliasCount: 100 });
      this.data = root.reduce<unknown>((v, k) => (isRecord(v) ? v[k as string] : undefined), js);
    } catch (e) {
      this.data = undefined;
      this.diagnostics.push({
        severity: 'error',
        code: 'yaml-syntax',
        message: `${e instanceof Error ? e.message : String(e)}: too many alias references`,
        hint: 'YAML aliases (*name) may expand to at most 100 nodes',
        location: this.#at(0, 1),
      });
    }
  }

  /**
   * A custom tag (`run: !shell …`) would be read as a plain string and run as one; a standard one
   * other than the core schema's (`!!binary`, `!!timestamp`) would turn a command into bytes or a
   * date. Each is reported once, and a tagged value is read as the text it is, so nothing else
   * complains about it and the rest of the file is still checked.
   */
  #refuseTags(doc: Document.Parsed): void {
    visit(doc, {
      Node: (_, node) => {
        if (!node.tag || CORE_TAGS.has(node.tag)) return;
        const tag = doc.directives?.tagString(node.tag) ?? node.tag;
        const start = node.range?.[0] ?? 0;
        const at = this.text.lastIndexOf(tag, start);
        const standard = node.tag.startsWith(YAML_TAG_PREFIX);
        this.diagnostics.push({
          severity: 'error',
          code: 'yaml-syntax',
          message: standard ? `the YAML tag "${tag}" is not supported in a workflow` : `unknown tag "${tag}"`,
          hint: 'a workflow takes plain YAML values; remove the tag (a command is a string: run: npm test)',
          location: at >= 0 ? this.#at(at, tag.length) : this.#at(start, 1),
        });
        if (isScalar(node) && node.source !== undefined) node.value = node.source;
      },
    });
  }

  /** A parser error in words about the file, at the place the user has to fix. */
  #syntaxError(code: string, message: string, [start, end]: [number, number]): Diagnostic {
    const error = (text: string, offset: number, length: number, hint?: string): Diagnostic => ({
      severity: 'error',
      code: 'yaml-syntax',
      message: text,
      ...(hint ? { hint } : {}),
      location: this.#at(offset, Math.max(1, length)),
    });
    if (code === 'DUPLICATE_KEY') {
      const key = /^\s*(?:- )?([^:#\n]*?)\s*:/.exec(this.text.slice(start))?.[1] ?? '';
      return error(`duplicate key "${key}"`, start, key.length, YAML_HINTS[code]);
    }
    if (code === 'MULTIPLE_DOCS') {
      return error(
        'a workflow is one YAML document',
        start,
        3,
        'remove this "---" and what follows, or move it to its own file',
      );
    }
    // An unclosed quote is only noticed where the file ends: point at the quote that opened it.
    if (code === 'MISSING_CHAR' && message.includes('quote')) {
      const opened = quotedValueAt(this.#tokens, start);
      if (opened) {
        const q = opened.source[0]!;
        return error(
          `the quote ${q} opened here is not closed`,
          opened.offset,
          1,
          `add the closing ${q} (a quoted value may span lines, so the rest of the file was read as part of it)`,
        );
      }
    }
    // An unclosed flow collection is only noticed where the file ends: point at its opening bracket.
    const unclosed = /end with a ([\]}])/.exec(message);
    if (unclosed) {
      const open = this.text.lastIndexOf(unclosed[1] === ']' ? '[' : '{', start);
      if (open >= 0)
        return error(`"${this.text[open]}" is not closed`, open, 1, `add the closing "${unclosed[1]}"`);
    }
    return error(yamlMessage(message), start, end - start, YAML_HINTS[code]);
  }

  /** The location of the node at `path` (relative to the workflow root), or the nearest existing parent. */
  locate(path: YamlPath, target: Target = 'value', needle?: string): SourceLocation {
    let node: unknown = this.#doc?.contents;
    let found: { key?: Node; value?: Node } = { value: node as Node };
    for (const seg of [...this.root, ...path]) {
      const next = child(node, seg);
      if (!next) break;
      found = next;
      node = next.value;
    }
    const picked = target === 'key' ? (found.key ?? found.value) : (found.value ?? found.key);
    const range = picked?.range;
    if (!range) return this.#at(0, 1);
    const [start, end] = range;
    if (needle) {
      const i = this.text.slice(start, end).indexOf(needle);
      if (i >= 0) return this.#at(start + i, needle.length);
    }
    const firstLineEnd = this.text.indexOf('\n', start);
    const stop = firstLineEnd >= 0 && firstLineEnd < end ? firstLineEnd : end;
    return this.#at(start, Math.max(1, stop - start));
  }

  #at(offset: number, length: number): SourceLocation {
    const { line, col } = this.#lines.linePos(offset);
    return { file: this.file, line, col, length };
  }
}

const YAML_TAG_PREFIX = 'tag:yaml.org,2002:';
/** The tags of the YAML 1.2 core schema, which both parsers read the same way. */
const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => YAML_TAG_PREFIX + t),
);

/** What parseDocument does after parsing: the first document, and an error for any other. */
function compose(tokens: readonly CST.Token[], length: number): Document.Parsed {
  const composer = new Composer({
    // uniqueKeys: a duplicated task id would otherwise silently replace the first one.
    uniqueKeys: true,
    prettyErrors: false,
    // The library would print warnings (e.g. collection keys) to stderr itself; the schema reports them.
    logLevel: 'error',
  });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, length)) {
    if (doc) {
      doc.errors.push(
        new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'several documents'),
      );
      break;
    }
    doc = next;
  }
  // compose(…, forceDoc = true) always yields a document.
  return doc!;
}

function child(node: unknown, seg: string | number): { key?: Node; value?: Node } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
    if (!pair) return undefined;
    return { key: pair.key as Node, ...(pair.value ? { value: pair.value as Node } : {}) };
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg];
    return item ? { value: item as Node } : undefined;
  }
  return undefined;
}

// The yaml library's codes for mistakes people make often, and what to do about them.
const YAML_HINTS: Partial<Record<string, string>> = {
  BLOCK_AS_IMPLICIT_KEY:
    'a plain value cannot contain ": " (quote it, or use a block scalar "|"), and a key indented under a value is read as part of it (check the indentation of the lines below)',
  TAB_AS_INDENT: 'YAML indents with spaces only; replace the tabs',
  DUPLICATE_KEY: 'each key may appear once; for tasks, give each one its own id',
  BAD_INDENT: 'entries of one mapping must line up in the same column',
  MISSING_CHAR: 'a quote or bracket is not closed',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; did a value lose its quotes or its "- "?',
};

function yamlMessage(message: string): string {
  // The yaml library appends its own "at line x, column y" and a frame; we print our own.
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
