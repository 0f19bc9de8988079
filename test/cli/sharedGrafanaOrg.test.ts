/**
 * Two environments in one Grafana org would overwrite each other's notification policy (one per
 * org) on every `up`: `readiness validate` refuses them, located at the stack files' `grafana:url`,
 * and says how to separate them. The example's staging and prod use two Grafanas and pass.
 */
import { writeFileSync, copyFileSync } from "node:fs";
import path from "node:path";
import * as validate from "../../cli/validate";
import { sharedGrafanaOrgProblems } from "../../backends/grafana/sharedOrg";
import { runInProcess } from "../support/cli";
import { EXAMPLE_FILE } from "../support/example";
import { tempDir } from "../support/tempDir";

function project(stacks: Record<string, string>): string {
  const dir = tempDir("readiness-org-");
  copyFileSync(EXAMPLE_FILE, path.join(dir, "readiness.yaml"));
  for (const [env, config] of Object.entries(stacks)) writeFileSync(path.join(dir, `Pulumi.${env}.yaml`), `config:\n  readiness:environment: ${env}\n${config}`);
  return path.join(dir, "readiness.yaml");
}

describe("environments sharing a Grafana org", () => {
  it("are refused with the stack file, line and column of each grafana:url and how to separate them", async () => {
    const spec = project({ prod: "  grafana:url: https://acme.grafana.net/\n", staging: "  grafana:url: HTTPS://ACME.grafana.net\n" });
    const r = await runInProcess([validate], ["validate", spec]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split("\n");
    expect(lines[1]).toBe(
      `${path.join(path.dirname(spec), "Pulumi.prod.yaml")}:3:16 grafana:url: environments prod and staging deploy to the same Grafana org (https://acme.grafana.net, org 1), whose notification policy is one per org: each \`up\` would replace the other's routing. Give each environment its own org (pulumi config set grafana:orgId <id> --stack prod) or its own Grafana (grafana:url)`,
    );
    expect(lines[0]).toMatch(/Pulumi\.staging\.yaml:3:16 grafana:url: environments prod and staging .*--stack staging\)/);
    expect(lines[2]).toBe("2 problems in the stack configuration");
  });

  it("pass with their own orgs in one Grafana, or their own Grafanas", async () => {
    const orgs = project({ prod: "  grafana:url: https://acme.grafana.net/\n  grafana:orgId: 2\n", staging: "  grafana:url: https://acme.grafana.net/\n" });
    expect((await runInProcess([validate], ["validate", orgs])).code).toBe(0);
    const example = await runInProcess([validate], ["validate", EXAMPLE_FILE]);
    expect(example.code).toBe(0);
  });

  it("count an environment without the Grafana backend as not deploying there", () => {
    expect(sharedGrafanaOrgProblems([{ environment: "prod", url: "https://g.test", where: "a" }])).toEqual([]);
    expect(sharedGrafanaOrgProblems([
      { environment: "prod", url: "https://g.test", orgId: "1", where: "a" },
      { environment: "staging", url: "https://g.test/", where: "b" },
    ])).toHaveLength(2);
  });
});
