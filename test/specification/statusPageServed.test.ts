/**
 * A status page nobody serves is not probed and not claimed: without `readiness:cloudflareZoneId`
 * the Worker gets no custom domain (the example's staging), so readiness renders no health check,
 * watchdog or alert webhook on its hostname, the Worker expects no watchdog, the report's
 * `statusPage` evidence does not hold and says which setting is missing, and `plan` and
 * `validate` warn, located at `statusPage.hostname`. Prod, whose stack file names a zone, keeps
 * all of it. The example's own stack files are read as the CLI reads them.
 */
import path from "node:path";
import { loadModelsForCli, statusPageWarnings } from "../../cli/load";
import { planFor } from "../../stacks/stackConfig";
import { planJson } from "../../plan/format/json";
import { checkEvidence } from "../../report/evidence";
import { workerConfig } from "../../statuspage/worker/config";
import { STATUS_PAGE_CHECK_ID, statusPageNotServed } from "../../specification/statusPageCheck";
import { audit } from "../../audit/audit";
import { runInProcess } from "../support/cli";
import * as planCommand from "../../cli/plan";
import * as validateCommand from "../../cli/validate";

const FILE = path.join(__dirname, "..", "..", "readiness.yaml");
const loaded = loadModelsForCli(FILE);
const staging = loaded.models.staging;
const prod = loaded.models.prod;

/** Every check of the environment, with the URL it probes. */
const checks = (m: typeof staging) => m.services.flatMap((s) => s.checks.map((c) => `${s.id}/${c.id} ${c.url}`));

describe("the example's staging, whose stack file sets no Cloudflare zone", () => {
  it("renders no check, watchdog or alert webhook on the status page's hostname: only the Worker itself names it", () => {
    expect(staging.statusPage?.notServed).toBe("not served in staging: set readiness:cloudflareZoneId (the Cloudflare zone of the status page's custom domain)");
    expect(checks(staging).filter((c) => c.includes("status.staging.acme.test"))).toEqual([]);
    const resources = (JSON.parse(planJson(planFor(staging, FILE))) as { resources: { type: string; name: string }[] }).resources;
    const naming = resources.filter((r) => JSON.stringify(r).includes("status.staging.acme.test")).map((r) => r.type);
    expect(naming).toEqual(["cloudflare:index/workersScript:WorkersScript"]);
    expect(resources.some((r) => r.type === "cloudflare:index/workersCustomDomain:WorkersCustomDomain")).toBe(false);
  });

  it("builds a Worker that waits for no watchdog, since none can reach it", () => {
    expect(workerConfig(staging.statusPage!, "staging", { paging: staging.paging, backends: staging.backends }).deadMansSwitch.sources).toEqual([]);
  });

  it("reports the statusPage evidence as not holding, naming the missing setting", () => {
    const v = checkEvidence(staging, { kind: "statusPage", text: "statusPage" });
    expect(v.holds).toBe(false);
    expect(v.reason).toBe("status.staging.acme.test is not served in staging: set readiness:cloudflareZoneId (the Cloudflare zone of the status page's custom domain); nothing is probed there");
  });

  it("audits the watchdog as having no dead man's switch, for that reason", () => {
    const findings = audit(staging, { now: new Date("2026-12-01T00:00:00Z"), spec: loaded.spec, rules: ["watchdog-no-switch"] }).findings;
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining("because the status page status.staging.acme.test is not served in staging: set readiness:cloudflareZoneId")]);
  });

  it("warns on plan and validate, located at statusPage.hostname, and still exits 0", async () => {
    const want = `${FILE}:196:13 statusPage.hostname: warning: status.staging.acme.test is not served in staging: set readiness:cloudflareZoneId (the Cloudflare zone of the status page's custom domain); no health check is rendered for it and the report's statusPage evidence does not hold`;
    expect(statusPageWarnings(loaded)).toEqual([want]);
    for (const [command, args] of [
      [planCommand, ["plan", "--env", "staging", "--format", "json", "--file", FILE]],
      [validateCommand, ["validate", FILE]],
    ] as const) {
      let stderr = "";
      const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
        stderr += String(chunk);
        return true;
      });
      try {
        const r = await runInProcess([command], [...args]);
        expect({ args, code: r.code }).toEqual({ args, code: 0 });
      } finally {
        spy.mockRestore();
      }
      expect(stderr).toBe(`${want}\n`);
    }
  });
});

describe("the example's prod, whose stack file names a zone", () => {
  it("keeps the page's own health check, the watchdogs and the evidence that holds", () => {
    expect(prod.statusPage?.notServed).toBeUndefined();
    expect(checks(prod)).toContain(`billing-api/${STATUS_PAGE_CHECK_ID} https://status.acme.test/health`);
    expect(checkEvidence(prod, { kind: "statusPage", text: "statusPage" }).holds).toBe(true);
    expect(workerConfig(prod.statusPage!, "prod", { paging: prod.paging, backends: prod.backends }).deadMansSwitch.sources).toEqual(["grafana", "datadog"]);
    expect(planJson(planFor(prod, FILE))).toContain("https://status.acme.test/api/watchdog/grafana");
  });
});

describe("who decides that a page is not served", () => {
  it("only a Cloudflare deployment without a zone, and only where the stack config is known", () => {
    expect(statusPageNotServed("staging", ["grafana", "cloudflare"], {})).toMatch(/^not served in staging: set readiness:cloudflareZoneId/);
    expect(statusPageNotServed("staging", ["grafana", "cloudflare"], { cloudflareZoneId: "zone" })).toBeUndefined();
    // Without the cloudflare backend the Worker is built with `readiness statuspage build` and served by whoever deploys it.
    expect(statusPageNotServed("staging", ["grafana"], {})).toBeUndefined();
    expect(statusPageNotServed("staging", ["grafana", "cloudflare"], undefined)).toBeUndefined();
  });
});
