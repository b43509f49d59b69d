#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { ExitCode } from './exit-codes.js';
import { Exit } from './load.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const collect = (value: string, previous: string[] = []) => [...previous, value];
const fileOption = () =>
  new Option('-f, --file <path>', 'workflow file (default: discovered from the current folder)');
const varOption = () =>
  new Option('--var <name=value>', 'override a workflow variable (repeatable)').argParser(collect);
const jsonOption = () => new Option('--json', 'machine-readable output');

const examples = (lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

/** Every command handler resolves to an exit code; handlers are imported lazily to keep start-up fast. */
type Handler = (...args: never[]) => number | Promise<number>;
let exitCode: number = ExitCode.ok;
const run =
  <H extends Handler>(load: () => Promise<H>) =>
  async (...args: Parameters<H>) => {
    exitCode = await (await load())(...args);
  };

const program = new Command('orchestra')
  .description(
    'Run a DAG of coding-agent tasks, each in its own sandbox, verified, and integrated into one branch.',
  )
  .version(version, '-v, --version')
  .showSuggestionAfterError()
  .exitOverride()
  .addHelpText(
    'after',
    examples(['orchestra init', 'orchestra validate', 'orchestra graph --format mermaid', 'orchestra run']),
  );

program
  .command('init')
  .description('write a commented starter orchestra.yaml (never overwrites)')
  .addOption(fileOption())
  .addHelpText('after', examples(['orchestra init', 'orchestra init -f workflows/feature.yaml']))
  .action(run(async () => (await import('./commands/init.js')).initCommand));

program
  .command('validate')
  .description('check the workflow: every problem at once, with file:line:col (exit code 2 if any)')
  .addOption(fileOption())
  .addOption(varOption())
  .addOption(jsonOption())
  .addHelpText(
    'after',
    examples(['orchestra validate', 'orchestra validate -f workflows/feature.yaml --var spec=docs/x.md']),
  )
  .action(run(async () => (await import('./commands/validate.js')).validateCommand));

program
  .command('graph')
  .description('print the task DAG')
  .addOption(fileOption())
  .addOption(varOption())
  .addOption(
    new Option('--format <format>', 'output format')
      .choices(['text', 'mermaid', 'dot', 'json'])
      .default('text'),
  )
  .addOption(new Option('--json', 'same as --format json'))
  .addHelpText(
    'after',
    examples([
      'orchestra graph',
      'orchestra graph --format dot | dot -Tsvg > dag.svg',
      'orchestra graph --format json | jq .criticalPath',
    ]),
  )
  .action(run(async () => (await import('./commands/graph.js')).graphCommand));

program
  .command('schema')
  .description('print the JSON Schema of orchestra.yaml')
  .addHelpText('after', examples(['orchestra schema > orchestra.schema.json']))
  .action(run(async () => (await import('./commands/schema.js')).schemaCommand));

// The one catch site: usage errors exit 2, printed errors keep their code, anything else is a bug.
try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof Exit) exitCode = e.code;
  else if (e instanceof CommanderError) exitCode = e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  else {
    process.stderr.write(
      `orchestra: internal error (a bug, please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    exitCode = ExitCode.failed;
  }
}
process.exitCode = exitCode;
