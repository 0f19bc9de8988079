import type { Plan, PlannedResource } from "../../plan/plan";
import { ref, secret } from "../../plan/plan";
import { resourceDiff } from "../../diff/resourceDiff";
import { environmentDiff } from "../../diff/environmentDiff";
import { diffText } from "../../diff/formatText";
import { diffMarkdown } from "../../diff/formatMarkdown";
import { diffJson } from "../../diff/formatJson";
import { makeModel } from "../support/model";

const SCHEDULE = "pagerduty:index/schedule:Schedule";
const INTEGRATION = "pagerduty:index/serviceIntegration:ServiceIntegration";
const FOLDER = "grafana:oss/folder:Folder";

function res(type: string, name: string, inputs: PlannedResource["inputs"], over: Partial<PlannedResource> = {}): PlannedResource {
  return { type, name, parent: "oncall", provider: type.split(":")[0] as PlannedResource["provider"], inputs, ...over };
}
function plan(...resources: PlannedResource[]): Plan {
  return { environment: "prod", components: [], lookups: [], resources };
}

const schedule = res(SCHEDULE, "primary", { name: "primary", layers: [{ users: ["ana", "ben"], rotationTurnLengthSeconds: 604800 }] }, { protect: true });
const integration = res(INTEGRATION, "api/grafana", { name: "grafana", service: ref("api", "pagerduty:index/service:Service", "id"), type: "events_api_v2_inbound_integration" });
const folder = res(FOLDER, "shop", { title: "shop", uid: "shop" });

describe("resource diff", () => {
  test("identical plans give no changes", () => {
    expect(resourceDiff(plan(schedule, folder), plan(schedule, folder))).toEqual([]);
  });

  test("a changed input is an update with a dotted path and both values", () => {
    const after = res(SCHEDULE, "primary", { name: "primary", layers: [{ users: ["ana", "ben", "chen"], rotationTurnLengthSeconds: 604800 }] }, { protect: true });
    expect(resourceDiff(plan(schedule), plan(after))).toEqual([
      { action: "update", type: SCHEDULE, name: "primary", provider: "pagerduty", changes: [{ path: "layers[0].users[2]", after: "chen" }], warnings: [] },
    ]);
  });

  test("a resource whose aliases name the vanished one is renamed, not deleted and created", () => {
    const renamed = { ...schedule, name: "main", aliases: ["primary"] };
    const d = resourceDiff(plan(schedule), plan(renamed));
    expect(d.map((c) => [c.action, c.name, c.previousName])).toEqual([["rename", "main", "primary"]]);
    expect(d[0].warnings).toEqual([]);
  });

  test("removing a protected on-call schedule warns twice: state lost and protect in the way", () => {
    const d = resourceDiff(plan(schedule, folder), plan(folder));
    expect(d.map((c) => c.action)).toEqual(["delete"]);
    expect(d[0].warnings).toEqual([expect.stringMatching(/^deletes on-call resource primary/), expect.stringMatching(/^primary is protected/)]);
  });

  test("moving an integration to another service replaces it and warns", () => {
    const moved = { ...integration, inputs: { ...integration.inputs, service: ref("web", "pagerduty:index/service:Service", "id") } };
    const [c] = resourceDiff(plan(integration), plan(moved));
    expect(c.action).toBe("replace");
    expect(c.changes).toEqual([{ path: "service", before: "${api.id}", after: "${web.id}" }]);
    expect(c.warnings).toEqual([expect.stringMatching(/^replaces on-call resource api\/grafana .* because service changed/)]);
  });

  test("changing a resource that is not on-call warns about nothing", () => {
    const d = resourceDiff(plan(folder), plan({ ...folder, inputs: { title: "Shop", uid: "shop" } }));
    expect(d.map((c) => [c.action, c.warnings])).toEqual([["update", []]]);
  });

  test("without a base every resource is created", () => {
    expect(resourceDiff(undefined, plan(schedule, folder)).map((c) => `${c.action} ${c.name}`)).toEqual(["create shop", "create primary"]);
  });
});

describe("no secret value appears in any format", () => {
  const provider = (token: string) => res("pulumi:providers:pagerduty", "pagerduty", { token: secret(token) });
  const d = environmentDiff({
    base: "HEAD:readiness.yaml",
    before: { model: makeModel(), plan: plan(provider("pagerduty:token")) },
    after: { model: makeModel(), plan: plan(provider("pagerduty:tokenRotated"), schedule, res("pulumi:providers:cloudflare", "cloudflare", { apiToken: secret("cloudflare:apiToken") })) },
    fromDate: "2026-03-16",
  });
  test.each([
    ["text", diffText(d)],
    ["markdown", diffMarkdown(d)],
    ["json", diffJson(d)],
  ])("%s shows secrets as [secret] and never their config", (_f, out) => {
    expect(out).not.toContain("$secret");
    expect(out).not.toContain("pagerduty:token");
    expect(out).not.toContain("cloudflare:apiToken");
    expect(d.resources.map((r) => r.name).sort()).toEqual(["cloudflare", "primary"]);
  });

  test("a created resource's secret input is listed as [secret]", () => {
    expect(JSON.parse(diffJson(d)).resources.find((r: { name: string }) => r.name === "cloudflare").changes).toEqual([{ path: "apiToken", after: "[secret]" }]);
  });

  test("a changed secret reference is not a change anyone can see, since both print as [secret]", () => {
    expect(d.resources.some((r) => r.type === "pulumi:providers:pagerduty")).toBe(false);
  });
});

describe("formats", () => {
  const d = environmentDiff({
    base: "origin/main:readiness.yaml",
    before: { model: makeModel(), plan: plan(schedule) },
    after: { model: makeModel({ paging: false }), plan: plan() },
    fromDate: "2026-03-16",
  });

  test("markdown has a heading for the environment, a summary table, folded details and the warning unfolded", () => {
    const md = diffMarkdown(d);
    expect(md).toMatch(/^### Monitoring diff: `prod`/);
    expect(md).toContain("| paging | 0 | 0 | 1 |");
    expect(md).toContain("| **resources** | 0 | 1 | 0 |");
    expect(md).toContain("<details><summary><b>Resource changes (1)</b></summary>");
    expect(md.indexOf("[!WARNING]")).toBeLessThan(md.indexOf("<details>"));
  });

  test("json carries environment, base, semantic and resources", () => {
    const j = JSON.parse(diffJson(d));
    expect(j).toMatchObject({ environment: "prod", base: "origin/main:readiness.yaml" });
    expect(j.semantic.map((c: { kind: string }) => c.kind)).toEqual(["paging"]);
    expect(j.resources.map((r: { action: string; name: string }) => `${r.action} ${r.name}`)).toEqual(["delete primary"]);
  });

  test("text ends with the warnings", () => {
    expect(diffText(d).trimEnd().split("\n").slice(-2)).toEqual([expect.stringMatching(/^WARNING: deletes on-call resource primary/), expect.stringMatching(/^WARNING: primary is protected/)]);
  });
});
