/** Where a diagnostic points: 1-based line and column in a file. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
  /** Length of the offending text on that line (for the underline); 1 when unknown. */
  length: number;
}

/** Machine-readable kinds of problems, stable for tools that consume `--json`. */
export type DiagnosticCode =
  | 'yaml-syntax'
  | 'not-text'
  | 'empty-workflow'
  | 'schema'
  | 'unknown-key'
  | 'unknown-task'
  | 'unknown-role'
  | 'unknown-agent'
  | 'unknown-gate'
  | 'unknown-var'
  | 'unknown-repo'
  | 'repo'
  | 'agent-command-missing'
  | 'task-kind'
  | 'best-of'
  | 'bad-task-id'
  | 'bad-branch-name'
  | 'bad-network-entry'
  | 'duplicate-need'
  | 'self-need'
  | 'cycle'
  | 'template'
  | 'file-reference'
  | 'config-not-found'
  | 'export'
  | 'usage';

/** A problem the user can act on, with where it is and what would fix it. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  code: DiagnosticCode;
  /** Dotted path of the offending value in the workflow, e.g. `tasks.auth-impl.needs[0]`. */
  path?: string;
  message: string;
  hint?: string;
  location?: SourceLocation;
  /** Other places that explain this one, e.g. each edge of a cycle. */
  related?: { message: string; location?: SourceLocation }[];
}

/** Renders a YAML path as users write it: `tasks.auth-impl.needs[0]`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg),
    '',
  );
}
