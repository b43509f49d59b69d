import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';

/** A name a template can reference: `${{ tasks.<id>.outputs.<name> }}`. */
export const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Reads an `ORCHESTRA_OUTPUT` file in GitHub's `GITHUB_OUTPUT` format: `name=value` lines and
 * `name<<DELIM` … `DELIM` heredocs (for values with newlines); empty lines are ignored and a later
 * value of a name replaces an earlier one, as on GitHub. What does not parse is a message naming the
 * line, since the task then did not say what it meant to.
 */
export function parseOutputs(text: string): Result<Record<string, string>, string> {
  const outputs = Object.create(null) as Record<string, string>;
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.at(-1) === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    // As GitHub's runner: whichever of the two comes first decides the form.
    const isHeredoc = heredoc >= 0 && (eq < 0 || heredoc < eq);
    const name = isHeredoc ? line.slice(0, heredoc) : eq >= 0 ? line.slice(0, eq) : line;
    if (!OUTPUT_NAME.test(name)) {
      return err(
        eq < 0 && !isHeredoc
          ? `line ${i + 1}: "${clip(line)}" is neither name=value nor name<<DELIMITER`
          : `line ${i + 1}: "${clip(name)}" is not an output name (letters, digits, _ and -, not starting with a digit or -)`,
      );
    }
    if (!isHeredoc) {
      outputs[name] = line.slice(eq + 1);
      continue;
    }
    const delimiter = line.slice(heredoc + 2);
    if (delimiter === '') return err(`line ${i + 1}: "${name}<<" names no delimiter`);
    const end = lines.indexOf(delimiter, i + 1);
    if (end < 0) return err(`line ${i + 1}: no line "${delimiter}" ends the value of "${name}"`);
    outputs[name] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return ok(outputs);
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
