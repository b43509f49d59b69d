import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';

/**
 * Every error GitHub's own parser finds in a workflow file: the schema (parse), then the model
 * (convert: needs, matrices, expressions in context), which adds to the same list.
 */
export async function githubErrors(content: string, name = 'workflow.yml'): Promise<string[]> {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  if (parsed.value !== undefined) await convertWorkflowTemplate(parsed.context, parsed.value);
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  return parsed.value === undefined && errors.length === 0 ? ['no workflow parsed'] : errors;
}
