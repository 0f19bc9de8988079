/** `readiness schema`: the JSON Schema of the spec. */
import type { Command } from "commander";
import { jsonSchemaText } from "../specification/jsonSchema";

export function register(program: Command): void {
  program
    .command("schema")
    .description("Print the JSON Schema of the spec (committed as readiness.schema.json) for editor completion")
    .action(() => {
      process.stdout.write(jsonSchemaText());
    });
}
