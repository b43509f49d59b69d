import { cycles } from './cycles.js';
import { needsShape } from './needs-shape.js';
import { references } from './references.js';
import type { Rule } from './rule.js';
import { taskKind } from './task-kind.js';
import { templateReferences } from './template-refs.js';

/** The semantic checks, run after the schema, in the order their findings are printed. */
export const rules: readonly Rule[] = [taskKind, references, needsShape, cycles, templateReferences];
