/**
 * Live end-to-end: the exported rule file, prometheus.yml, blackbox modules and Alertmanager
 * configuration run in Debian's real Prometheus, blackbox exporter and Alertmanager on 127.0.0.1,
 * against a local service whose errors and health the test switches, with local stand-ins for the
 * PagerDuty Events API, Slack and a webhook. prod pages; staging (`paging: false`) runs the same
 * spec beside it and must never reach PagerDuty.
 *
 * Windows are seconds long (scrape and evaluation every 1s, burn windows 5s..40s, Alertmanager
 * group_wait 1s) so that the whole story takes well under two minutes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { loadModels, formatDiagnostic } from "../../specification/loadModels";
import type { Model } from "../../specification/model";
import { renderRuleFile } from "../../rules/ruleFile";
import { renderAlertmanagerConfig } from "../../backends/prometheus/alertmanager";
import { renderBlackboxConfig, renderPrometheusConfig } from "../../backends/prometheus/blackbox";
import {
  binary,
  fakeService,
  freePort,
  getOk,
  promQuery,
  recordingServer,
  sleep,
  startDaemon,
  stopDaemon,
  waitFor,
  type Daemon,
  type FakeService,
  type Received,
  type StandIn,
} from "../support/liveHarness";

jest.setTimeout(110_000);

const ROUTING_KEY = "live-test-routing-key-7f3a";

function spec(serviceUrl: string): string {
  return `apiVersion: readiness/v1
system: { name: live-shop, runbookBase: "https://runbooks.test/" }
environments:
  prod: { backends: [grafana, pagerduty], paging: true, scrapeInterval: 1s }
  staging: { backends: [grafana, pagerduty], paging: false, scrapeInterval: 1s }
routing:
  page: { escalation: shop-oncall }
  ticket: { slack: "#shop-alerts" }
  info: { slack: "#shop-alerts" }
oncall:
  timezone: UTC
  people:
    - { id: ana, name: Ana, email: ana@shop.test }
  escalations:
    - id: shop-oncall
      levels:
        - { notify: [person:ana] }
services:
  - id: shop
    name: Shop
    tier: critical
    runbook: shop.md
    slos:
      - id: availability
        objective: 99
        window: 1h
        sli:
          errors: { prometheus: 'sum(rate(shop_requests_total{code=~"5.."}[{{window}}]))' }
          total: { prometheus: 'sum(rate(shop_requests_total[{{window}}]))' }
        alerting:
          windows:
            - { id: page-fast, severity: page, long: 20s, short: 5s, factor: 10, for: 0s }
            - { id: ticket-slow, severity: ticket, long: 40s, short: 10s, factor: 2, for: 0s }
    checks:
      - id: health
        http: ${serviceUrl}/health
        every: 2s
        expect: { status: 200, bodyContains: '"status":"ok"', within: 1s }
        alertAfter: 2
        severity: page
`;
}

interface Stack {
  env: string;
  prometheus: string;
  daemons: Daemon[];
}

const PD_PATH = "/v2/enqueue";

interface PdEvent {
  routing_key: string;
  event_action: "trigger" | "resolve";
  payload: { summary: string; severity: string; custom_details: Record<string, string> };
  links?: { href: string; text: string }[];
}

interface SlackMessage {
  channel: string;
  attachments: { title: string; title_link?: string; text: string }[];
}

interface WebhookMessage {
  status: "firing" | "resolved";
  commonLabels: Record<string, string>;
  alerts: { status: string; labels: Record<string, string> }[];
}

const pdEvents = (s: StandIn) => s.received.filter((r) => r.path === PD_PATH).map((r) => r.body as PdEvent);
const slackMessages = (s: StandIn) => s.received.map((r) => r.body as SlackMessage);
const hooks = (s: StandIn) => s.received.map((r) => r.body as WebhookMessage);
const since = (rs: Received[], t: number) => rs.filter((r) => r.at >= t);

describe("live: exported configuration in real Prometheus, blackbox exporter and Alertmanager", () => {
  let dir: string;
  let service: FakeService;
  let pd: StandIn;
  let slack: StandIn;
  let webhook: StandIn;
  const daemons: Daemon[] = [];
  const stacks: Record<string, Stack> = {};

  beforeAll(async () => {
    const prometheus = binary("prometheus");
    const alertmanager = binary("prometheus-alertmanager", "alertmanager");
    const blackbox = binary("prometheus-blackbox-exporter", "blackbox_exporter");
    dir = mkdtempSync(join(tmpdir(), "readiness-live-"));
    service = await fakeService();
    pd = await recordingServer(202, '{"status":"success","message":"Event processed","dedup_key":"x"}');
    slack = await recordingServer(200, "ok");
    webhook = await recordingServer(200, "{}");
    const loaded = loadModels(spec(service.url), "live.yaml");
    if (!loaded.ok) throw new Error(loaded.diagnostics.map(formatDiagnostic).join("\n"));

    mkdirSync(join(dir, "keys"));
    writeFileSync(join(dir, "keys", "shop"), `${ROUTING_KEY}\n`);
    writeFileSync(join(dir, "slack-url"), `${slack.url}/slack\n`);

    const exporterPort = await freePort();
    const exporter = `127.0.0.1:${exporterPort}`;
    // The check is the same in both environments, so one exporter serves both.
    writeFileSync(join(dir, "blackbox.yml"), renderBlackboxConfig(loaded.models.prod));
    daemons.push(startDaemon("blackbox", blackbox, [`--config.file=${join(dir, "blackbox.yml")}`, `--web.listen-address=${exporter}`]));

    for (const env of ["prod", "staging"]) {
      const model: Model = loaded.models[env];
      const amPort = await freePort();
      const promPort = await freePort();
      const amConfig = renderAlertmanagerConfig(model, {
        pagerdutyKeyDir: join(dir, "keys"),
        pagerdutyUrl: `${pd.url}${PD_PATH}`,
        slackApiUrlFile: join(dir, "slack-url"),
        webhookUrl: `${webhook.url}/hook`,
        groupWait: "1s",
        groupInterval: "1s",
        repeatInterval: "1h",
      });
      expect(amConfig).not.toContain(ROUTING_KEY);
      writeFileSync(join(dir, `am-${env}.yml`), amConfig);
      writeFileSync(join(dir, `rules-${env}.yml`), renderRuleFile(model));
      const promConfig = parse(
        renderPrometheusConfig(model, { exporter, ruleFiles: [join(dir, `rules-${env}.yml`)], alertmanagers: [`127.0.0.1:${amPort}`] }),
      ) as { scrape_configs: unknown[] };
      // The service's own metrics are the team's scrape job, not something readiness exports.
      promConfig.scrape_configs.push({ job_name: "shop", static_configs: [{ targets: [service.url.replace("http://", "")] }] });
      writeFileSync(join(dir, `prometheus-${env}.yml`), stringify(promConfig));
      mkdirSync(join(dir, `am-data-${env}`));
      mkdirSync(join(dir, `prom-data-${env}`));
      const am = startDaemon(`alertmanager-${env}`, alertmanager, [
        `--config.file=${join(dir, `am-${env}.yml`)}`,
        `--storage.path=${join(dir, `am-data-${env}`)}`,
        `--web.listen-address=127.0.0.1:${amPort}`,
        "--cluster.listen-address=",
      ]);
      const prom = startDaemon(`prometheus-${env}`, prometheus, [
        `--config.file=${join(dir, `prometheus-${env}.yml`)}`,
        `--storage.tsdb.path=${join(dir, `prom-data-${env}`)}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ]);
      daemons.push(am, prom);
      stacks[env] = { env, prometheus: `http://127.0.0.1:${promPort}`, daemons: [am, prom] };
      await waitFor(`alertmanager ${env} ready`, 20_000, () => getOk(`http://127.0.0.1:${amPort}/-/ready`), [am]);
      await waitFor(`prometheus ${env} ready`, 20_000, () => getOk(`http://127.0.0.1:${promPort}/-/ready`), [prom]);
    }
    await waitFor("the blackbox exporter", 20_000, () => getOk(`http://${exporter}/-/healthy`), daemons);
  });

  afterAll(async () => {
    for (const d of daemons.reverse()) await stopDaemon(d);
    await service?.stop();
    for (const s of [pd, slack, webhook]) if (s) await new Promise<void>((r) => s.server.close(() => r()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Waits until a PromQL expression has a result in both environments. */
  async function bothHave(what: string, expr: string) {
    for (const s of Object.values(stacks)) await waitFor(`${what} in ${s.env}`, 30_000, async () => ((await promQuery(s.prometheus, expr)).length > 0 ? true : undefined), s.daemons);
  }

  it("nothing fires while healthy", async () => {
    await bothHave("a passing probe", 'probe_success{job="shop/health"} == 1');
    await bothHave("the SLO error ratio", 'slo:sli_error:ratio_rate40s{slo="availability"}');
    await sleep(5000); // several evaluations and a full group_wait after everything is in place
    for (const s of Object.values(stacks)) expect(await promQuery(s.prometheus, 'ALERTS{alertstate="firing", watchdog!="true"}')).toEqual([]);
    expect(pd.received).toEqual([]);
    expect(slack.received).toEqual([]);
    expect(webhook.received).toEqual([]);
  });

  it("a slow error burn tickets to Slack and pages nobody", async () => {
    const start = Date.now();
    service.errorRatio = 0.05; // 5x the 1% budget: above the ticket's 2x, below the page's 10x
    for (const env of ["prod", "staging"]) {
      await waitFor(`a ${env} ticket in Slack`, 40_000, () =>
        slackMessages(slack).find((m) => m.attachments[0].title.startsWith(`[FIRING] ticket ${env}/shop`)),
        stacks[env].daemons,
      );
    }
    const ticket = slackMessages(slack).find((m) => m.attachments[0].title.includes("ticket prod/shop"))!;
    expect(ticket.channel).toBe("#shop-alerts");
    expect(ticket.attachments[0].title).toContain("availability SLO error budget burning too fast (2x over");
    expect(ticket.attachments[0].title_link).toBe("https://runbooks.test/shop.md");
    expect(since(pd.received, start)).toEqual([]);
  });

  it("a fast error burn and a failing health check page PagerDuty in prod only", async () => {
    const start = Date.now();
    service.errorRatio = 0.5;
    service.health = "failing";
    const triggers = () => pdEvents(pd).filter((e) => e.event_action === "trigger");
    const sloPage = await waitFor("the SLO page", 40_000, () => triggers().find((e) => e.payload.custom_details.slo === "availability"), stacks.prod.daemons);
    const checkPage = await waitFor("the health check page", 40_000, () => triggers().find((e) => e.payload.custom_details.check === "health"), stacks.prod.daemons);
    for (const e of [sloPage, checkPage]) {
      expect(e.routing_key).toBe(ROUTING_KEY);
      expect(e.payload.severity).toBe("critical");
      expect(e.payload.custom_details).toMatchObject({ service: "shop", severity: "page", env: "prod", runbook: "https://runbooks.test/shop.md" });
      expect(e.links).toEqual([{ href: "https://runbooks.test/shop.md", text: "runbook" }]);
    }
    expect(checkPage.payload.summary).toContain(`Shop: GET ${service.url}/health failed 2 checks in a row`);
    expect(sloPage.payload.summary).toContain("burning too fast (10x over");
    // staging turned the same page into a ticket, delivered to Slack
    await waitFor("the staging check ticket in Slack", 30_000, () =>
      slackMessages(slack).find((m) => m.attachments[0].title.startsWith("[FIRING] ticket staging/shop") && m.attachments[0].text.includes("ShopHealthCheckFailing")),
      stacks.staging.daemons,
    );
    expect(hooks(webhook).some((h) => h.commonLabels.env === "staging" && h.status === "firing")).toBe(true);
    expect(since(pd.received, start).every((r) => (r.body as PdEvent).payload.custom_details.env === "prod")).toBe(true);
  });

  it("recovery resolves the pages and tickets", async () => {
    const start = Date.now();
    service.errorRatio = 0;
    service.health = "healthy";
    const resolved = () => pdEvents(pd).filter((e) => e.event_action === "resolve");
    await waitFor("the SLO resolve", 40_000, () => resolved().find((e) => e.payload.custom_details.slo === "availability"), stacks.prod.daemons);
    await waitFor("the check resolve", 40_000, () => resolved().find((e) => e.payload.custom_details.check === "health"), stacks.prod.daemons);
    await waitFor("Slack resolves", 40_000, () => since(slack.received, start).find((r) => (r.body as SlackMessage).attachments[0].title.startsWith("[RESOLVED]")));
    for (const s of Object.values(stacks))
      await waitFor(`no firing alert in ${s.env}`, 40_000, async () => ((await promQuery(s.prometheus, 'ALERTS{alertstate="firing", watchdog!="true"}')).length === 0 ? true : undefined), s.daemons);
  });

  it("a hanging health endpoint pages like a failing one, and resolves when it answers again", async () => {
    const start = Date.now();
    service.health = "hanging";
    const fresh = () => since(pd.received, start).map((r) => r.body as PdEvent);
    const page = await waitFor("the page for a hanging check", 40_000, () => fresh().find((e) => e.event_action === "trigger" && e.payload.custom_details.check === "health"), stacks.prod.daemons);
    expect(page.payload.custom_details).toMatchObject({ service: "shop", env: "prod", severity: "page" });
    service.health = "healthy";
    await waitFor("its resolve", 40_000, () => fresh().find((e) => e.event_action === "resolve" && e.payload.custom_details.check === "health"), stacks.prod.daemons);
    expect(fresh().filter((e) => e.payload.custom_details.slo === "availability")).toEqual([]);
    // staging, all along: not one event reached the PagerDuty stand-in
    expect(pdEvents(pd).filter((e) => e.payload.custom_details.env !== "prod")).toEqual([]);
  });
});
