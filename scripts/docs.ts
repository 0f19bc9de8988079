/** `npm run docs`: writes docs/spec-reference.md from the zod schema's descriptions. */
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { specReferenceMarkdown } from "../specification/reference";

const target = path.join(__dirname, "..", "docs", "spec-reference.md");
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, specReferenceMarkdown());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
