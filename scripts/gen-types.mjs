// Generates src/config/workflow-types.ts from the schema: the schema is the single source of truth.
// `--check` exits 1 when the checked-in file differs (used by a test).
import { readFileSync, writeFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';

const schemaUrl = new URL('../schema/orchestra.schema.json', import.meta.url);
const outUrl = new URL('../src/config/workflow-types.ts', import.meta.url);

export async function generate() {
  const schema = JSON.parse(readFileSync(schemaUrl, 'utf8'));
  return compile(schema, 'RawWorkflow', {
    bannerComment:
      '/* Generated from schema/orchestra.schema.json by scripts/gen-types.mjs: do not edit by hand. */',
    additionalProperties: false,
    style: { singleQuote: true, printWidth: 110 },
    unreachableDefinitions: true,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = await generate();
  if (process.argv.includes('--check')) {
    if (readFileSync(outUrl, 'utf8') !== text) {
      console.error('src/config/workflow-types.ts is out of date: run npm run gen:types');
      process.exit(1);
    }
  } else {
    writeFileSync(outUrl, text);
  }
}
