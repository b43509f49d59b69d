import { schemaText } from '../../config/schema-validator.js';

/** `orchestra schema`: the JSON Schema of orchestra.yaml. */
export function schemaCommand(): number {
  process.stdout.write(schemaText());
  return 0;
}
