// Generates from the schema, the single source of truth:
// - src/config/workflow-types.ts: the TypeScript types of the file format;
// - src/config/schema-validate.generated.js: the ajv validator, compiled ahead of time so that
//   start-up does not pay for ajv's compiler.
// `--check` exits 1 when a checked-in file differs (used by a test).
import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { compile } from 'json-schema-to-typescript';
import { format } from 'prettier';

const schemaUrl = new URL('../schema/orchestra.schema.json', import.meta.url);
const BANNER = 'Generated from schema/orchestra.schema.json by scripts/gen-types.mjs: do not edit by hand.';

export async function generateTypes(schema) {
  return compile(schema, 'RawWorkflow', {
    bannerComment: `/* ${BANNER} */`,
    additionalProperties: false,
    style: { singleQuote: true, printWidth: 110 },
    unreachableDefinitions: true,
  });
}

/** The same options the loader's messages are written for (see src/config/schema-validator.ts). */
export async function generateValidator(schema) {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    allowUnionTypes: true,
    code: { source: true, esm: true },
  });
  const code = standaloneCode(ajv, ajv.compile(schema));
  // ajv's ESM output still calls require() for its runtime helpers: give the module one.
  const header =
    "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);";
  return format(`/* eslint-disable */\n// ${BANNER}\n${header}\n${code.replace('"use strict";', '')}`, {
    parser: 'babel',
    singleQuote: true,
    printWidth: 110,
  });
}

const outputs = [
  ['src/config/workflow-types.ts', generateTypes],
  ['src/config/schema-validate.generated.js', generateValidator],
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const schema = JSON.parse(readFileSync(schemaUrl, 'utf8'));
  for (const [path, generate] of outputs) {
    const url = new URL(`../${path}`, import.meta.url);
    const text = await generate(schema);
    if (!process.argv.includes('--check')) writeFileSync(url, text);
    else if (readFileSync(url, 'utf8') !== text) {
      console.error(`${path} is out of date: run npm run gen:types`);
      process.exit(1);
    }
  }
}
