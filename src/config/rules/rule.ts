import type { TaskGraph } from '../../graph/task-graph.js';
import type { ConfigIssue } from '../config-issue.js';
import type { TemplateSite } from '../normalize.js';
import type { Workflow } from '../workflow.js';

/** What every semantic rule gets to look at. */
export interface RuleContext {
  workflow: Workflow;
  graph: TaskGraph;
  sites: readonly TemplateSite[];
}

/** One semantic check: returns the problems it found, located by path. */
export type Rule = (ctx: RuleContext) => ConfigIssue[];
