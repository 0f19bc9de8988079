/** The spec's JSON Schema, generated from the zod schema, for editor completion. */
import { z } from "zod";
import { specSchema } from "./schema";

/** JSON Schema text (stable key order, trailing newline); committed as readiness.schema.json. */
export function jsonSchemaText(): string {
  const schema = z.toJSONSchema(specSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return `${JSON.stringify({ ...schema, $id: "readiness.schema.json", title: "readiness spec v1" }, null, 2)}\n`;
}
