import { bestOfRule } from '../../best-of/best-of-rule.js';
import { conditions } from './conditions.js';
import { cycles } from './cycles.js';
import { matrices } from './matrices.js';
import { needsShape } from './needs-shape.js';
import { networkEntries } from './network-entries.js';
import { references } from './references.js';
import type { Rule } from './rule.js';
import { reposRule } from '../../repos/repos-rule.js';
import { taskIdLength } from './task-id-length.js';
import { taskKind } from './task-kind.js';
import { templateReferences } from './template-refs.js';

/** The semantic checks, run after the schema, in the order their findings are printed. */
export const rules: readonly Rule[] = [
  taskIdLength,
  taskKind,
  bestOfRule,
  references,
  needsShape,
  cycles,
  templateReferences,
  conditions,
  matrices,
  networkEntries,
  reposRule,
];
