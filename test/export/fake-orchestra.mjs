#!/usr/bin/env node
// Stands in for `orchestra job` to test the Actions simulation itself: appends its argv and the
// environment a job step gets to $FAKE_LOG (one JSON line), and for `job <task>` appends the outputs
// FAKE_OUTPUTS (a JSON map task -> text) gives that task to $GITHUB_OUTPUT, as the real command does.
import { appendFileSync } from 'node:fs';

const args = process.argv.slice(2);
const { GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, FAKE_LOG, FAKE_OUTPUTS, ANTHROPIC_API_KEY } = process.env;
appendFileSync(FAKE_LOG, `${JSON.stringify({ args, cwd: process.cwd(), key: ANTHROPIC_API_KEY ?? null })}\n`);
const runId = args[args.indexOf('--run-id') + 1];
if (args[1] === '--start') appendFileSync(GITHUB_OUTPUT, `run_id=${runId}\n`);
else if (args[1] !== '--integrate') {
  const out = JSON.parse(FAKE_OUTPUTS ?? '{}')[args[1]];
  if (out) appendFileSync(GITHUB_OUTPUT, out);
}
appendFileSync(GITHUB_STEP_SUMMARY, `### ${args[1]}\n`);
