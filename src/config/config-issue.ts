import type { DiagnosticCode } from '../diagnostics/diagnostic.js';
import type { Target, YamlPath } from './source-document.js';

/**
 * A problem found in the workflow, located by its path in the document; the loader turns it into a
 * Diagnostic with file, line and column, so rules never deal with positions.
 */
export interface ConfigIssue {
  code: DiagnosticCode;
  path: YamlPath;
  target?: Target;
  /** Text inside the node to point at precisely (a template reference). */
  needle?: string;
  message: string;
  hint?: string;
  related?: { message: string; path: YamlPath; target?: Target }[];
}
