import { data } from '@actions/expressions';
import type { Expr } from '@actions/expressions';
import { IndexAccess, Literal } from '@actions/expressions/ast';
import type {
  Binary,
  ContextAccess,
  ExprVisitor,
  FunctionCall,
  Grouping,
  Logical,
  Unary,
} from '@actions/expressions/ast';
import { parseExpression } from '../../expressions/expression.js';
import type { Result } from '../../util/result.js';
import { err, ok } from '../../util/result.js';

/** An orchestra expression in GitHub's terms, with the task outputs it reads through `needs`. */
export interface Translated {
  text: string;
  reads: { task: string; output: string }[];
  /** Whether it calls a status function (GitHub then adds no implicit `success()`). */
  status: boolean;
}

/** How the translation names things GitHub has: the job of a task; undefined when it has none. */
export interface TranslateNames {
  jobOf(task: string): string | undefined;
}

/**
 * Rewrites an orchestra expression (`tasks.<id>.outputs.<n>`, `vars.<x>`, status functions) into
 * GitHub's (`needs.<job>.outputs.<n>`, `inputs.<x>`); what GitHub does not have (a task's summary or
 * status, `matrix` in a job's `if:`, a computed index) is the reason it cannot be translated.
 */
export function translateExpression(text: string, names: TranslateNames): Result<Translated, string> {
  const parsed = parseExpression(text);
  if (!parsed.ok) return err(parsed.error);
  const printer = new Printer(names);
  try {
    const out = parsed.value.ast.accept(printer);
    return ok({ text: out, reads: printer.reads, status: printer.status });
  } catch (e) {
    if (e instanceof Untranslatable) return err(e.message);
    throw e;
  }
}

class Untranslatable extends Error {}

const STATUS = new Set(['success', 'failure', 'always', 'cancelled']);
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

class Printer implements ExprVisitor<string> {
  reads: { task: string; output: string }[] = [];
  status = false;
  constructor(private readonly names: TranslateNames) {}

  visitLiteral(l: Literal): string {
    return l.token.lexeme;
  }
  visitUnary(u: Unary): string {
    return `!${u.expr.accept(this)}`;
  }
  visitBinary(b: Binary): string {
    return `${b.left.accept(this)} ${b.operator.lexeme} ${b.right.accept(this)}`;
  }
  visitLogical(l: Logical): string {
    return l.args.map((a) => a.accept(this)).join(` ${l.operator.lexeme} `);
  }
  visitGrouping(g: Grouping): string {
    return `(${g.group.accept(this)})`;
  }
  visitFunctionCall(f: FunctionCall): string {
    const name = f.functionName.lexeme;
    if (STATUS.has(name.toLowerCase())) this.status = true;
    return `${name}(${f.args.map((a) => a.accept(this)).join(', ')})`;
  }
  visitContextAccess(c: ContextAccess): string {
    return this.chain([c.name.lexeme]);
  }
  visitIndexAccess(i: IndexAccess): string {
    const path: string[] = [];
    let e: Expr = i;
    while (e instanceof IndexAccess) {
      const index = e.index;
      if (!(index instanceof Literal) || index.literal.kind !== data.Kind.String)
        throw new Untranslatable('a computed index');
      path.unshift(index.literal.coerceString());
      e = e.expr;
    }
    return this.chain([(e as ContextAccess).name.lexeme, ...path]);
  }

  /** A context path `root.a.b…` in GitHub's names. */
  private chain([root = '', ...rest]: string[]): string {
    const written = [root, ...rest].join('.');
    switch (root.toLowerCase()) {
      case 'vars':
        if (rest.length !== 1 || !NAME.test(rest[0]!)) throw new Untranslatable(`"${written}"`);
        return `inputs.${rest[0]}`;
      case 'tasks': {
        const [task, field, output] = rest;
        const job = task === undefined ? undefined : this.names.jobOf(task);
        if (field !== 'outputs' || output === undefined || rest.length !== 3 || !job || !NAME.test(output))
          throw new Untranslatable(`"${written}" (GitHub passes a job's outputs only)`);
        this.reads.push({ task: task!, output });
        return `needs.${job}.outputs.${output}`;
      }
      default:
        throw new Untranslatable(`"${written}" (GitHub decides a job's "if:" before its matrix)`);
    }
  }
}
