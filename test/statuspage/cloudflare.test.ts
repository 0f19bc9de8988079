/** The status page's Cloudflare resources in the Plan. */
import { ADMIN_TOKEN_CONFIG_KEY, WORKERS_SCRIPTS_LOOKUP, CRON_TRIGGER_TYPE, CUSTOM_DOMAIN_TYPE, KV_NAMESPACE_TYPE, renderStatusPage, WORKERS_SCRIPT_TYPE } from "../../backends/cloudflare/statusPage";
import { PAGERDUTY_ROUTING_KEY_CONFIG_KEY, WATCHDOG_TOKEN_CONFIG_KEY } from "../../alerting/watchdog";
import { COMPATIBILITY_DATE, cronForInterval } from "../../statuspage/deployment";
import type { RenderSettings } from "../../plan/plan";
import { ref, secret, workerMigrations } from "../../plan/plan";
import { STATUS_PAGE_MIGRATIONS } from "../../statuspage/workerMigrations";
import { buildWorkerScript } from "../../statuspage/build";
import { runPeriodSeconds } from "../../statuspage/worker/config";
import { exampleModel } from "../support/example";
import { dur, makeModel } from "../support/model";
import { component, statusPage } from "./harness";

const settings: RenderSettings = { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct-1" };
const page = statusPage([component("api", "API", "Merchant-facing", "https://api.example.test/health")]);

describe("the status page on Cloudflare", () => {
  it("is a KV namespace, the Worker with its Durable Object binding and migration and its three secrets, and a cron trigger under the statuspage component", () => {
    const model = makeModel({ statusPage: page });
    const fragment = renderStatusPage(model, settings);
    expect(fragment.components).toEqual([{ type: "readiness:statuspage:StatusPage", name: "statuspage", parent: "shop" }]);
    expect(fragment.resources.map((r) => [r.type, r.name, r.parent, r.provider])).toEqual([
      [KV_NAMESPACE_TYPE, "statuspage/kv", "statuspage", "cloudflare"],
      [WORKERS_SCRIPT_TYPE, "statuspage/worker", "statuspage", "cloudflare"],
      [CRON_TRIGGER_TYPE, "statuspage/cron", "statuspage", "cloudflare"],
    ]);
    const [kv, script, cron] = fragment.resources;
    expect(kv.inputs).toEqual({ accountId: "acct-1", title: "shop-status-prod" });
    expect(script.inputs).toEqual({
      accountId: "acct-1",
      scriptName: "shop-status-prod",
      content: buildWorkerScript(page, "prod", { paging: model.paging, backends: model.backends }),
      mainModule: "worker.js",
      compatibilityDate: COMPATIBILITY_DATE,
      bindings: [
        { name: "STATUS_STATE", type: "durable_object_namespace", className: "StatusPageState" },
        { name: "STATUS_KV", type: "kv_namespace", namespaceId: ref("statuspage/kv", KV_NAMESPACE_TYPE, "id") },
        { name: "ADMIN_TOKEN", type: "secret_text", text: secret(ADMIN_TOKEN_CONFIG_KEY) },
        { name: "WATCHDOG_TOKEN", type: "secret_text", text: secret(WATCHDOG_TOKEN_CONFIG_KEY) },
        { name: "PAGERDUTY_ROUTING_KEY", type: "secret_text", text: secret(PAGERDUTY_ROUTING_KEY_CONFIG_KEY) },
      ],
      migrations: workerMigrations("shop-status-prod", ref("statuspage/worker", WORKERS_SCRIPTS_LOOKUP, "results"), STATUS_PAGE_MIGRATIONS),
    });
    expect(fragment.lookups).toEqual([{ token: WORKERS_SCRIPTS_LOOKUP, name: "statuspage/worker", provider: "cloudflare", args: { accountId: "acct-1" } }]);
    expect([WATCHDOG_TOKEN_CONFIG_KEY, PAGERDUTY_ROUTING_KEY_CONFIG_KEY]).toEqual(["readiness:watchdogToken", "readiness:watchdogRoutingKey"]);
    expect(STATUS_PAGE_MIGRATIONS[0]).toEqual({ tag: "v1", newSqliteClasses: ["StatusPageState"] });
    expect(cron.inputs).toEqual({ accountId: "acct-1", scriptName: ref("statuspage/worker", WORKERS_SCRIPT_TYPE, "scriptName"), schedules: [{ cron: "* * * * *" }] });
    expect(JSON.stringify(fragment)).not.toContain("correct-horse");
  });

  it.each([
    [true, true],
    [false, undefined],
  ])("protects the KV namespace when paging is %s", (paging, protect) => {
    const kv = renderStatusPage(makeModel({ paging, statusPage: page }), settings).resources.find((r) => r.type === KV_NAMESPACE_TYPE);
    expect(kv?.protect).toBe(protect);
  });

  it("adds the custom domain only when stack config names a zone", () => {
    const model = makeModel({ statusPage: page });
    expect(renderStatusPage(model, settings).resources.some((r) => r.type === CUSTOM_DOMAIN_TYPE)).toBe(false);
    const domain = renderStatusPage(model, { ...settings, cloudflareZoneId: "zone-9" }).resources.find((r) => r.type === CUSTOM_DOMAIN_TYPE);
    expect(domain).toMatchObject({ name: "statuspage/domain", parent: "statuspage" });
    expect(domain?.inputs).toEqual({ accountId: "acct-1", zoneId: "zone-9", hostname: "status.acme.test", service: ref("statuspage/worker", WORKERS_SCRIPT_TYPE, "scriptName") });
  });

  it.each([
    ["no status page", makeModel()],
    ["Cloudflare not among the backends", makeModel({ statusPage: page, backends: ["grafana", "pagerduty"] })],
  ])("renders nothing with %s", (_what, model) => {
    expect(renderStatusPage(model, settings)).toEqual({ components: [], lookups: [], resources: [] });
  });

  it.each([
    ["30s", "* * * * *"],
    ["1m", "* * * * *"],
    ["90s", "*/2 * * * *"],
    ["5m", "*/5 * * * *"],
    ["1h", "0 */1 * * *"],
    ["2h30m", "0 */3 * * *"],
    ["1d", "0 0 * * *"],
  ])("runs probes set to every %s on the cron %s", (every, cron) => {
    expect(cronForInterval(dur(every).seconds)).toBe(cron);
  });

  it.each([
    ["30s", 60],
    ["90s", 120],
    ["5m", 300],
    ["1h", 3600],
    ["2h30m", 10_800],
    ["1d", 86_400],
  ])("has the Worker's /health expect a run every %s probe interval to come every %ss, as the cron fires", (every, seconds) => {
    expect(runPeriodSeconds(dur(every).seconds)).toBe(seconds);
  });

  it.each(["staging", "prod"] as const)("renders the example's %s status page with both components embedded in the Worker", (env) => {
    const model = exampleModel(env);
    const fragment = renderStatusPage(model, { ...settings, cloudflareZoneId: "zone-1" });
    const script = fragment.resources.find((r) => r.type === WORKERS_SCRIPT_TYPE);
    expect(script?.inputs.scriptName).toBe(`billing-platform-status-${env}`);
    for (const c of model.statusPage!.components) expect(script?.inputs.content).toContain(c.probe!.url);
    expect(fragment.resources.find((r) => r.type === CUSTOM_DOMAIN_TYPE)?.inputs.hostname).toBe(env === "prod" ? "status.acme.test" : "status.staging.acme.test");
    expect(fragment.resources.find((r) => r.type === KV_NAMESPACE_TYPE)?.protect).toBe(env === "prod" ? true : undefined);
  });
});
