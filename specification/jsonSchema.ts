/** The spec's JSON Schema, generated from the zod schema, for editor completion. */
import { z } from "zod";
import { includedFileSchema, specSchema } from "./schema";

/** JSON Schema text (stable key order, trailing newline); committed as readiness.schema.json. */
export function jsonSchemaText(): string {
  const schema = z.toJSONSchema(specSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  // Team files named by `include:` point their editor at `readiness.schema.json#/$defs/includedFile`.
  const { $schema: _, ...included } = z.toJSONSchema(includedFileSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const $defs = { ...((schema.$defs as Record<string, unknown> | undefined) ?? {}), includedFile: included };
  return `${JSON.stringify({ ...schema, $id: "readiness.schema.json", title: "readiness spec v1", $defs }, null, 2)}\n`;
}
