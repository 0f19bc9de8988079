/** The generated spec split like a company's: a root with what is shared, and one file per team. */
import { generateSpec } from "./generateSpec";

/** Root text and team files (`teams/team-NN.yaml`) for `services` services over `teams` teams, split into stacks of `maxServices`. */
export function generateComposedSpec(services: number, teams: number, maxServices: number): { root: string; files: Record<string, string> } {
  const text = generateSpec(services);
  const [head, rest] = text.split("\nservices:\n");
  const statusLine = rest.split("\n").find((l) => l.startsWith("statusPage:")) ?? "";
  const body = rest.slice(0, rest.indexOf(statusLine));
  const blocks = body.split(/\n(?=  - id: svc-)/).filter((b) => b.trim() !== "");
  const files: Record<string, string> = {};
  blocks.forEach((block, i) => {
    const team = `teams/team-${String((i % teams) + 1).padStart(2, "0")}.yaml`;
    files[team] = `${files[team] ?? "services:\n"}${block.replace(/\n$/, "")}\n`;
  });
  const root = `${head.replace("    paging: true", `    paging: true\n    stacks: { maxServices: ${maxServices} }`)}\n${statusLine}\ninclude: [teams/*.yaml]\n`;
  return { root, files };
}
