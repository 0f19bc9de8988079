/** `npm run docs`: writes docs/spec-reference.md from the zod schema's descriptions and docs/settings.md from the settings table. */
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { specReferenceMarkdown } from "../specification/reference";
import { settingsMarkdown } from "../plan/settingsText";

const target = path.join(__dirname, "..", "docs", "spec-reference.md");
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, specReferenceMarkdown());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);

const settings = path.join(__dirname, "..", "docs", "settings.md");
writeFileSync(settings, settingsMarkdown());
process.stdout.write(`wrote ${path.relative(process.cwd(), settings)}\n`);
