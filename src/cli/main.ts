import { readFileSync } from 'node:fs';
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { Exit, ExitCode } from './exit-codes.js';
import { packageFile } from '../util/package-file.js';
import { parseAge } from './age.js';

const { version } = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as {
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

const intOption = (flags: string, what: string) =>
  new Option(flags, what).argParser((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1)
      throw new InvalidArgumentError('expected a whole number of at least 1');
    return n;
  });

const runOption = () => new Option('--run <id>', 'the run (default: the latest)');
const runFileOption = () =>
  new Option('-f, --file <path>', 'the latest run of this workflow file (instead of the latest run)');
const keepOption = () =>
  new Option('--keep <when>', 'keep sandboxes: never, on-failure, always (overrides the workflow)').choices([
    'never',
    'on-failure',
    'always',
  ]);
const failureOptions = (c: Command) =>
  c
    .addOption(
      new Option(
        '--failure-mode <mode>',
        'when a task fails: continue independent tasks, start no-new ones, or kill running ones',
      )
        .choices(['continue', 'no-new', 'kill'])
        .default('continue'),
    )
    .addOption(new Option('--fail-fast', 'same as --failure-mode kill'));

failureOptions(
  program
    .command('run')
    .description(
      'run the workflow (or the given tasks and what they need), then integrate the results into one branch',
    )
    .argument('[task...]', 'tasks to run, with everything they need (default: all)')
    .addOption(fileOption())
    .addOption(varOption())
    .addOption(intOption('--concurrency <n>', 'tasks running at once (overrides the workflow)'))
    .addOption(keepOption()),
)
  .option('--reuse', 'reuse results of earlier runs whose task fingerprints match (definition, inputs)')
  .option('--push', 'push the result branch of each repository given by url (repos:) to that url')
  .addOption(
    new Option('--dry-run', 'print the plan (order, pools, sandboxes, gates) without running anything'),
  )
  .addOption(jsonOption())
  .addHelpText(
    'after',
    examples([
      'orchestra run',
      'orchestra run auth-impl --var spec=docs/auth.md',
      'orchestra run --dry-run',
      'orchestra run --json | jq -c \'select(.type == "task-finished")\'',
    ]),
  )
  .action(run(async () => (await import('./commands/run.js')).runCommand));

failureOptions(
  program
    .command('rerun')
    .description('run tasks of a recorded run again, with everything downstream; upstream results are reused')
    .argument('[task...]', 'tasks to run again')
    .option('--failed', 'rerun every task that has no result (failed, blocked, cancelled)')
    .option('--allow-stale', 'reuse upstream results even if their definitions changed since the run')
    .addOption(runOption())
    .addOption(fileOption())
    .addOption(varOption())
    .addOption(keepOption())
    .addOption(jsonOption()),
)
  .option('--remote <name>', 'a run of "orchestra job"s on this git remote: pushed back there (needs --run)')
  .addHelpText(
    'after',
    examples([
      'orchestra rerun auth-impl',
      'orchestra rerun --failed',
      'orchestra rerun docs --run 20261126-101500-3f9a',
    ]),
  )
  .action(run(async () => (await import('./commands/rerun.js')).rerunCommand));

failureOptions(
  program
    .command('resume')
    .description('continue an interrupted run (crash, kill, Ctrl-C): finished tasks are kept, the rest run')
    .addOption(runOption())
    .addOption(fileOption())
    .addOption(varOption())
    .addOption(keepOption())
    .addOption(jsonOption()),
)
  .addHelpText('after', examples(['orchestra resume', 'orchestra resume --run 20261126-101500-3f9a']))
  .action(run(async () => (await import('./commands/rerun.js')).resumeCommand));

program
  .command('job')
  .description(
    'one step of a run spread over machines (GitHub Actions jobs) through a git remote: start it, run one task, or integrate',
  )
  .argument('[task]', 'the task this job runs (its needs must have run)')
  .option('--start', 'record a new run (base: HEAD here) on the remote, running nothing')
  .option('--integrate', 'build the result branch from every task pushed, and push it')
  .requiredOption('--run-id <id>', 'the run (made by the first job, e.g. gha-<run_id>-<attempt>)')
  .requiredOption('--remote <name>', 'the git remote holding the run (refs/orchestra/runs/<id>/…)')
  .option('--matrix <json>', 'for a matrix task: the one combination this job runs, e.g. \'{"os":"linux"}\'')
  .addOption(fileOption())
  .addOption(varOption())
  .addOption(keepOption())
  .addOption(jsonOption())
  .addHelpText(
    'after',
    examples([
      'orchestra job --start --run-id gha-42-1 --remote origin',
      'orchestra job auth-impl --run-id gha-42-1 --remote origin',
      'orchestra job --integrate --run-id gha-42-1 --remote origin',
    ]),
  )
  .action(run(async () => (await import('./commands/job.js')).jobCommand));

program
  .command('cancel')
  .description('stop a run another orchestra process is running, as Ctrl-C there would (it exits 130)')
  .addOption(runOption())
  .addOption(jsonOption())
  .addHelpText('after', examples(['orchestra cancel', 'orchestra cancel --run 20261126-101500-3f9a']))
  .action(run(async () => (await import('./commands/cancel.js')).cancelCommand));

for (const [name, verb] of [
  ['approve', 'approve'],
  ['reject', 'reject'],
] as const) {
  program
    .command(name)
    .description(
      `${verb} an approval task of a run (from any terminal): a run waiting for it goes on at once${name === 'reject' ? ', its dependents blocked' : ''}`,
    )
    .argument('<task>', 'the approval task')
    .addOption(runOption())
    .option('-m, --message <note>', 'a note kept in the record with the decision')
    .addOption(jsonOption())
    .addHelpText(
      'after',
      examples([
        `orchestra ${name} ship`,
        `orchestra ${name} ship --run 20261126-101500-3f9a -m "looks good"`,
      ]),
    )
    .action(
      run(async () => {
        const commands = await import('./commands/approve.js');
        return name === 'approve' ? commands.approveCommand : commands.rejectCommand;
      }),
    );
}

program
  .command('status')
  .description('the tasks of a run: status, attempts, time, branch; exit code 1 unless the run succeeded')
  .addOption(runOption())
  .addOption(runFileOption())
  .addOption(jsonOption())
  .option('--watch', 'show it again every second (a terminal) or on each change, until the run ends')
  .option(
    '--remote <name>',
    'a run of "orchestra job"s: fetch its records from this git remote first (needs --run)',
  )
  .addHelpText(
    'after',
    examples([
      'orchestra status',
      'orchestra status --run 20261126-101500-3f9a --json',
      'orchestra status --watch',
    ]),
  )
  .action(run(async () => (await import('./commands/status.js')).statusCommand));

program
  .command('report')
  .description(
    'the evidence of a run for a pull request: graph, attempts, gate output, diffstats, usage (from the record and git only)',
  )
  .addOption(runOption())
  .addOption(
    new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'),
  )
  .option('-o, --output <file>', 'write it to this file instead of stdout')
  .addHelpText(
    'after',
    examples([
      'orchestra report > report.md',
      'orchestra report --run 20261126-101500-3f9a -o report.md',
      'gh pr create --body-file <(orchestra report)',
      'orchestra report --format json | jq .totals',
    ]),
  )
  .action(run(async () => (await import('./commands/report.js')).reportCommand));

program
  .command('runs')
  .description('the recorded runs, newest first')
  .addOption(jsonOption())
  .addHelpText('after', examples(['orchestra runs']))
  .action(run(async () => (await import('./commands/runs.js')).runsCommand));

program
  .command('logs')
  .description("a task's agent or gate output")
  .argument('<task>', 'the task')
  .addOption(runOption())
  .addOption(intOption('--attempt <n>', 'which attempt (default: the last)'))
  .option('--gate <name>', "a gate's output instead of the agent's")
  .option('--follow', 'keep printing while the task runs (in another orchestra process)')
  .addOption(
    new Option(
      '--prompt',
      "the exact prompt the attempt's agent was given (a run: task's command)",
    ).conflicts(['gate', 'follow']),
  )
  .addOption(runFileOption())
  .addOption(new Option('--json', 'one JSON object: run, task, attempt, gate, log path and text'))
  .addHelpText(
    'after',
    examples([
      'orchestra logs auth-impl',
      'orchestra logs auth-impl --attempt 1 --gate test',
      'orchestra logs auth-impl --follow',
      'orchestra logs auth-impl --prompt --attempt 2',
    ]),
  )
  .action(run(async () => (await import('./commands/logs.js')).logsCommand));

program
  .command('diff')
  .description("a task's change: git diff from the commit it started at to its result (or its branch)")
  .argument('<task>', 'the task')
  .addOption(runOption())
  .option('--stat', 'only the files changed and how much (git diff --stat)')
  .addHelpText(
    'after',
    examples(['orchestra diff auth-impl', 'orchestra diff auth-impl --stat --run 20261126-101500-3f9a']),
  )
  .action(run(async () => (await import('./commands/diff.js')).diffCommand));

program
  .command('clean')
  .description('remove sandboxes and worktree entries left by runs (never a run in progress)')
  .addOption(new Option('--run <id>', 'only this run, and remove its record'))
  .option('--all', 'every run, and remove their records')
  .addOption(
    new Option('--older-than <age>', 'only runs started longer ago (30m, 12h, 7d, 2w), records too')
      .argParser((v) => {
        const ms = parseAge(v);
        if (ms === undefined) throw new InvalidArgumentError('expected an age like 30m, 12h, 7d or 2w');
        return ms;
      })
      .conflicts(['run', 'all']),
  )
  .addOption(
    intOption('--keep-last <n>', 'only runs older than the newest n, records too').conflicts(['run', 'all']),
  )
  .option('--branches', 'also delete the task and result branches of the runs cleaned')
  .addOption(jsonOption())
  .addHelpText(
    'after',
    examples([
      'orchestra clean',
      'orchestra clean --run 20261126-101500-3f9a --branches',
      'orchestra clean --older-than 7d --keep-last 5 --branches',
      'orchestra clean --all --branches',
    ]),
  )
  .action(run(async () => (await import('./commands/clean.js')).cleanCommand));

program
  .command('ui')
  .description('watch and steer the runs in a browser: DAG, timeline, logs, diffs; rerun, resume')
  .addOption(
    new Option('--port <n>', 'port to serve on (default: a free one)').argParser((v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535)
        throw new InvalidArgumentError('expected a port number from 0 to 65535');
      return n;
    }),
  )
  .option(
    '--host <address>',
    'address to serve on; anything but loopback lets other machines in',
    '127.0.0.1',
  )
  .option('--no-open', 'do not open a browser, only print the address')
  .addHelpText('after', examples(['orchestra ui', 'orchestra ui --port 8080 --no-open']))
  .action(run(async () => (await import('./commands/ui.js')).uiCommand));

program
  .command('doctor')
  .description(
    "check what runs need on this machine: git, the workflow's agent CLIs, bubblewrap, disk space, the schema modeline",
  )
  .addOption(fileOption())
  .addOption(varOption())
  .addOption(jsonOption())
  .addHelpText('after', examples(['orchestra doctor', 'orchestra doctor -f workflows/feature.yaml --json']))
  .action(run(async () => (await import('./commands/doctor.js')).doctorCommand));

program
  .command('export')
  .description('write the workflow for another runner: a GitHub Actions workflow, one job per task')
  .addArgument(new Argument('<target>', 'what to export to').choices(['github-actions']))
  .addOption(fileOption())
  .option('-o, --output <path>', 'where to write it (default: .github/workflows/orchestra-<name>.yml)')
  .addHelpText(
    'after',
    examples([
      'orchestra export github-actions',
      'orchestra export github-actions -f examples/fan-out/orchestra.yaml -o .github/workflows/fan-out.yml',
    ]),
  )
  .action(run(async () => (await import('./commands/export.js')).exportCommand));

program
  .command('schema')
  .description('print the JSON Schema of orchestra.yaml')
  .addHelpText('after', examples(['orchestra schema > orchestra.schema.json']))
  .action(run(async () => (await import('./commands/schema.js')).schemaCommand));

// The one catch site: usage errors exit 2, printed errors keep their code, anything else is a bug.
// A function, not a top-level await: the bundle is CommonJS, compiled with V8's code cache (bin.ts).
async function main(): Promise<void> {
  // A reader that went away (`orchestra --help | head -1`, `orchestra run --json | head -1`, a closed
  // terminal) gets no more, as from git. Without a listener the stream's EPIPE or EIO was thrown: a
  // stack trace, or a run left half-recorded with its agents running; a run goes on unwatched and is
  // recorded as usual. The listeners stay to the end: the last write's error comes after it returned.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
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
  // Done: what is left on the event loop (a timer, a closed child's pipes) would only delay the exit,
  // by about 50 ms after a run. Output is flushed first (a pipe is asynchronous on some systems).
  const flushed = (stream: NodeJS.WriteStream) => new Promise((done) => stream.write('', done));
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(exitCode);
}
void main();
