import type { TemplateValues } from '../config/template.js';
import { renderTemplate, taskReference, templateRefs } from '../config/template.js';
import type { TaskDef } from '../config/workflow.js';
import type { RunRecord } from '../state/run-state.js';

/** What the previous attempt did wrong, fed to the next one. */
export interface Feedback {
  /** One line (`gate "test" failed (exit code 1)`), or ending with a command on a line of its own. */
  what: string;
  /** The tail of the failing output. */
  output: string;
}

/** The values `${{ … }}` references take for one task attempt. */
export function templateValues(
  record: RunRecord,
  vars: Readonly<Record<string, string>>,
  task: string | null,
  feedback?: Feedback,
): TemplateValues {
  return (expr) => {
    if (expr === 'run.id') return record.id;
    if (expr === 'task.id') return task ?? undefined;
    if (expr === 'verify.output') return feedback ? `${feedback.what}\n${outputTail(feedback.output)}` : '';
    if (expr === 'prompt') return '${{ prompt }}'; // substituted by the agent adapter
    if (expr.startsWith('vars.')) return vars[expr.slice(5)];
    if (expr.startsWith('tasks.')) {
      const { id, field, output } = taskReference(expr.slice(6));
      const t = record.tasks[id];
      if (field === 'branch') return t?.branch;
      if (field === 'commit') return t?.commit;
      if (field === 'summary') return withoutNul(t?.usage?.summary ?? '');
      // An output the task did not write is empty, as on GitHub.
      if (output !== undefined) return withoutNul(t?.outputs?.[output] ?? '');
    }
    return undefined;
  };
}

const TAIL_CHARS = 4000;

/**
 * What a process printed, made fit for an argument or environment variable, which cannot hold a NUL
 * byte (spawning would fail, for every dependent of a task whose summary has one): each NUL becomes
 * U+FFFD, the replacement character.
 */
function withoutNul(text: string): string {
  return text.replaceAll('\0', '\uFFFD');
}

/** The end of a failing output, as much as a prompt gets of it wherever it is placed. */
function outputTail(output: string): string {
  return withoutNul(output.length > TAIL_CHARS ? `…${output.slice(-TAIL_CHARS)}` : output);
}

/**
 * The task's prompt for one attempt. On a retry the failure is appended, unless the prompt already
 * places it itself with `${{ verify.output }}`.
 */
export function buildPrompt(task: TaskDef, values: TemplateValues, feedback?: Feedback): string {
  const prompt = task.prompt ? renderTemplate(task.prompt, values) : '';
  const placed = task.prompt ? templateRefs(task.prompt).some((r) => r.expr === 'verify.output') : false;
  if (!feedback || placed) return prompt;
  const output = outputTail(feedback.output);
  return `${prompt}\n\n---\nYour previous attempt did not pass: ${sentence(feedback.what)}\n${output ? `The output ended with:\n\`\`\`\n${output.trimEnd()}\n\`\`\`\n` : ''}Fix the problem and try again.`;
}

/** `text` ending with a full stop, without doubling one it has; a text ending with a line is left as it is. */
function sentence(text: string): string {
  if (text.endsWith('\n')) return text.trimEnd();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
