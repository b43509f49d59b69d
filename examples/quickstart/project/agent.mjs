#!/usr/bin/env node
// A small scripted "coding agent" so the quickstart runs with no API key and no network. It edits
// files in its sandbox the way a real agent would, depending on the task it was given
// (ORCHESTRA_TASK) and on whether it is retrying after a failed gate (the prompt says so).
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';

const prompt = process.argv[2] ?? '';
const task = process.env.ORCHESTRA_TASK;
const retry = prompt.includes('previous attempt did not pass');
const say = (s) => console.log(`[agent ${task}] ${s}`);

switch (task) {
  case 'tests':
    mkdirSync('test', { recursive: true });
    writeFileSync(
      'test/shout.test.mjs',
      `import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { shout } from '../src/shout.mjs';\n\ntest('shout upper-cases and adds an exclamation mark', () => {\n  assert.equal(shout('hi'), 'HI!');\n});\n`,
    );
    say('wrote test/shout.test.mjs');
    console.log('Tests expect shout(s) in src/shout.mjs to return s upper-cased with "!".');
    break;
  case 'implement':
    // The first try forgets the "!": the test gate fails, orchestra feeds its output back, the retry fixes it.
    writeFileSync(
      'src/shout.mjs',
      `export function shout(s) {\n  return s.toUpperCase()${retry ? " + '!'" : ''};\n}\n`,
    );
    say(retry ? 'fixed src/shout.mjs after the failing test' : 'wrote src/shout.mjs');
    console.log(retry ? 'Added the missing "!"; the tests pass now.' : 'Implemented shout().');
    break;
  case 'docs':
    mkdirSync('docs', { recursive: true });
    writeFileSync(
      'docs/usage.md',
      '# Usage\n\n`greet(name)` returns a greeting; `shout(s)` says it louder.\n',
    );
    say('wrote docs/usage.md');
    console.log('Documented greet and shout.');
    break;
  default:
    appendFileSync('NOTES.md', `${task}: ${prompt.split('\n')[0]}\n`);
    console.log(`Noted the task in NOTES.md.`);
}
