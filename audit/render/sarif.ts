/**
 * SARIF 2.1.0 for GitHub code scanning: every catalogue rule with its help, and each finding as a
 * result located in the spec file, so findings show up as annotations on the pull request.
 */
import { AUDIT_RULES } from "../catalogue";
import type { Level } from "../ruleText";
import type { LocatedReport } from "./located";

const SARIF_LEVEL: Record<Level, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/** The report as a SARIF log; `uri` is the spec file as the command was given it (relative to the repository root in CI). */
export function renderSarif(report: LocatedReport, toolVersion: string): string {
  const index = new Map(AUDIT_RULES.map((r, i) => [r.id, i]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "readiness",
            version: toolVersion,
            rules: AUDIT_RULES.map((r) => ({
              id: r.id,
              name: pascal(r.id),
              shortDescription: { text: r.title },
              fullDescription: { text: r.help },
              help: { text: r.help, markdown: `**${r.title}**\n\n${r.help}` },
              defaultConfiguration: { level: SARIF_LEVEL[r.level] },
              properties: { tags: ["monitoring", "readiness"] },
            })),
          },
        },
        // One category per environment, so uploads for staging and prod do not replace each other.
        automationDetails: { id: `readiness-audit/${report.environment}/` },
        results: report.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: index.get(f.rule),
          level: SARIF_LEVEL[f.level],
          message: { text: `${f.message}. Fix: ${f.hint}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUri(f.location.file) },
                region: { startLine: f.location.line, startColumn: f.location.col },
              },
              logicalLocations: [{ fullyQualifiedName: f.path, kind: "member" }],
            },
          ],
          // Keyed on rule and spec path, so moving an item within the file keeps the alert's identity.
          partialFingerprints: { "readinessFinding/v1": `${report.environment}:${f.rule}:${f.path}` },
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A relative path with forward slashes, as SARIF URIs are. */
function toUri(file: string): string {
  return file.replace(/\\/g, "/").replace(/^\.\//, "");
}

function pascal(id: string): string {
  return id
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}
