/**
 * Time-aware alerts and per-item runbooks in the provider plans: Grafana mutes business-hours
 * alerts outside the hours with a mute timing on nested policies, Datadog with a recurring downtime
 * in the hours' zone and a `pct_change` monitor for a relative increase, and checks and heartbeats
 * link their own runbooks everywhere (rules, monitors, synthetics, audit).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadModels } from "../../specification/loadModels";
import type { BusinessHours, Model } from "../../specification/model";
import { render as renderGrafana } from "../../backends/grafana/index";
import { render as renderDatadog } from "../../backends/datadog/index";
import { settingsFromConfig } from "../../plan/settings";
import type { PlannedResource, PlanValue } from "../../plan/plan";
import { downtimeRecurrences, outsideHours } from "../../backends/datadog/businessHours";
import { outsideIntervals } from "../../backends/grafana/businessHours";
import { prometheusRuleGroups } from "../../rules/groups";
import { isAlertRule } from "../../rules/rule";
import { alertInventory } from "../../audit/inventory";
import { semanticDiff } from "../../diff/semanticDiff";
import { prometheusRuleResource } from "../../backends/prometheus/prometheusRule";
import { inputsOf } from "../support/inputs";

const settings = settingsFromConfig(
  (k: string) =>
    ({
      "grafana:url": "https://grafana.example.test/",
      "grafana:smUrl": "https://synthetic-monitoring-api.grafana.net",
      "datadog:site": "datadoghq.eu",
    })[k],
);

const FIXTURE = path.join(__dirname, "..", "..", "fixtures", "valid", "time-aware.yaml");

function fixtureModel(text = readFileSync(FIXTURE, "utf8")): Model {
  const loaded = loadModels(text, "time-aware.yaml");
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.models.prod;
}

type Obj = { [key: string]: PlanValue };
const byType = (resources: PlannedResource[], type: string) => resources.filter((r) => r.type === type);

const WEEKDAYS_9_TO_18: BusinessHours = { timezone: "Europe/Berlin", days: [1, 2, 3, 4, 5], from: { hour: 9, minute: 0 }, to: { hour: 18, minute: 0 } };

describe("business hours in Grafana", () => {
  const model = fixtureModel();
  const { resources } = renderGrafana(model, settings);

  it("mutes outside the hours with one mute timing in the hours' time zone", () => {
    const [mute] = byType(resources, "grafana:alerting/muteTiming:MuteTiming");
    expect(inputsOf(mute)).toEqual({
      name: "chat-prod-outside-business-hours",
      intervals: [
        { weekdays: ["monday", "tuesday", "wednesday", "thursday", "friday"], times: [{ start: "00:00", end: "09:00" }, { start: "18:00", end: "24:00" }], location: "Europe/Berlin" },
        { weekdays: ["sunday", "saturday"], location: "Europe/Berlin" },
      ],
    });
  });

  it("puts a muted nested policy for active_during=business-hours under every contact point of every severity", () => {
    const [policy] = byType(resources, "grafana:alerting/notificationPolicy:NotificationPolicy");
    const branches = (inputsOf(policy).policies as Obj[]).filter((b) => (b.matchers as Obj[]).some((m) => m.label === "severity"));
    expect(branches.length).toBeGreaterThan(0);
    for (const branch of branches) {
      for (const child of branch.policies as Obj[]) {
        const nested = child.policies as Obj[];
        expect(nested).toHaveLength(1);
        expect(nested[0].matchers).toEqual([{ label: "active_during", match: "=", value: "business-hours" }]);
        expect(nested[0].muteTimings).toEqual([expect.objectContaining({ resource: "outside-business-hours", output: "name" })]);
        expect(nested[0].contactPoint).toBeUndefined();
      }
    }
  });

  it("evaluates the guarded rule and the day-over-day rule", () => {
    const rules = byType(resources, "grafana:alerting/ruleGroup:RuleGroup").flatMap((g) => inputsOf(g).rules as Obj[]);
    const noMessages = rules.find((r) => r.name === "MessagesNoMessages")!;
    expect((noMessages.labels as Obj).active_during).toBe("business-hours");
    expect(JSON.parse((noMessages.datas as Obj[])[0].model as string).expr).toContain("and on() ((vector(time() + ");
    const spike = rules.find((r) => r.name === "MessagesLlmCostSpike")!;
    expect(JSON.parse((spike.datas as Obj[])[0].model as string).expr).toBe("(sum(rate(llm_cost_usd_total[1h]))) / (sum(rate(llm_cost_usd_total[1h] offset 1d))) > 1.5");
  });

  it("also mutes a business-hours alert outside the hours when it has its own route", () => {
    const routed = fixtureModel(readFileSync(FIXTURE, "utf8").replace("        activeDuring: businessHours\n", "        activeDuring: businessHours\n        route: { email: night-desk@chat.test }\n"));
    const [policy] = byType(renderGrafana(routed, settings).resources, "grafana:alerting/notificationPolicy:NotificationPolicy");
    const override = (inputsOf(policy).policies as Obj[]).find((b) => (b.matchers as Obj[]).some((m) => m.label === "alert" && m.value === "no-messages"))!;
    expect(override).toBeDefined();
    for (const child of override.policies as Obj[]) expect(child.policies).toEqual([expect.objectContaining({ matchers: [{ label: "active_during", match: "=", value: "business-hours" }] })]);
  });

  it("adds nothing when no alert is limited to business hours", () => {
    const plain = fixtureModel(readFileSync(FIXTURE, "utf8").replace("activeDuring: businessHours", "activeDuring: always"));
    const out = renderGrafana(plain, settings).resources;
    expect(byType(out, "grafana:alerting/muteTiming:MuteTiming")).toEqual([]);
    expect(JSON.stringify(inputsOf(byType(out, "grafana:alerting/notificationPolicy:NotificationPolicy")[0]))).not.toContain("active_during");
  });

  it("has no outside to mute for hours around the clock every day", () => {
    expect(outsideIntervals({ ...WEEKDAYS_9_TO_18, days: [0, 1, 2, 3, 4, 5, 6], from: { hour: 0, minute: 0 }, to: { hour: 24, minute: 0 } })).toEqual([]);
  });
});

describe("business hours in Datadog", () => {
  const model = fixtureModel();
  const { resources } = renderDatadog(model, settings);
  const monitors = byType(resources, "datadog:index/monitor:Monitor");

  it("tags the business-hours monitor and only it", () => {
    const noMessages = monitors.find((m) => (inputsOf(m).tags as string[]).includes("alert:no-messages"))!;
    expect(inputsOf(noMessages).tags).toEqual(expect.arrayContaining(["active_during:business-hours", "system:chat"]));
    const spike = monitors.find((m) => (inputsOf(m).tags as string[]).includes("alert:llm-cost-spike"))!;
    expect(inputsOf(spike).tags).not.toContain("active_during:business-hours");
  });

  it("mutes those monitors outside the hours with a weekly downtime in the zone", () => {
    const [downtime] = byType(resources, "datadog:index/downtimeSchedule:DowntimeSchedule");
    expect(inputsOf(downtime)).toMatchObject({
      scope: "*",
      monitorIdentifier: { monitorTags: ["active_during:business-hours", "env:prod", "managed-by:readiness", "system:chat"] },
      recurringSchedule: {
        timezone: "Europe/Berlin",
        recurrences: [
          { duration: "15h", rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH", start: "2025-01-06T18:00:00" },
          { duration: "63h", rrule: "FREQ=WEEKLY;BYDAY=FR", start: "2025-01-10T18:00:00" },
        ],
      },
    });
  });

  it("covers exactly the week outside the hours", () => {
    const off = outsideHours(WEEKDAYS_9_TO_18);
    const minutes = off.reduce((n, s) => n + s.minutes, 0);
    expect(minutes).toBe(7 * 1440 - 5 * 9 * 60);
    expect(downtimeRecurrences({ ...WEEKDAYS_9_TO_18, days: [1, 3] })).toEqual([
      { duration: "39h", rrule: "FREQ=WEEKLY;BYDAY=MO", start: "2025-01-06T18:00:00" },
      { duration: "111h", rrule: "FREQ=WEEKLY;BYDAY=WE", start: "2025-01-08T18:00:00" },
    ]);
  });

  it("monitors a relative increase with a pct_change query", () => {
    const spike = monitors.find((m) => (inputsOf(m).tags as string[]).includes("alert:llm-cost-spike"))!;
    expect(inputsOf(spike).query).toBe("pct_change(avg(last_30m),last_1d):sum:llm.cost.usd{*} > 50");
    expect(inputsOf(spike).monitorThresholds).toEqual({ critical: "50" });
  });
});

describe("runbooks on checks and heartbeats", () => {
  const model = fixtureModel();

  it("link the item's own runbook in Prometheus and Grafana rules instead of the service's", () => {
    const rules = prometheusRuleGroups(model).flatMap((g) => g.rules).filter(isAlertRule);
    const runbook = (name: string) => rules.find((r) => r.alert === name)!.annotations.runbook_url;
    expect(runbook("MessagesApiCheckFailing")).toBe("https://runbooks.chat.test/messages-api-down.md");
    expect(runbook("MessagesDigestHeartbeatMissed")).toBe("https://wiki.chat.test/digest");
    expect(runbook("MessagesNoMessages")).toBe("https://runbooks.chat.test/messages.md");
  });

  it("link it in the Datadog heartbeat monitor and synthetics test", () => {
    const { resources } = renderDatadog(model, settings);
    const heartbeat = byType(resources, "datadog:index/monitor:Monitor").find((m) => (inputsOf(m).tags as string[]).includes("heartbeat:digest"))!;
    expect(inputsOf(heartbeat).message).toContain("Runbook: https://wiki.chat.test/digest");
    const [test] = byType(resources, "datadog:index/syntheticsTest:SyntheticsTest");
    expect(inputsOf(test).message).toContain("Runbook: https://runbooks.chat.test/messages-api-down.md");
    expect(inputsOf(test).message).not.toContain("messages.md");
  });

  it("show it in the audit inventory", () => {
    const inventory = alertInventory(model);
    expect(inventory.find((e) => e.id === "api")!.runbook).toBe("https://runbooks.chat.test/messages-api-down.md");
    expect(inventory.find((e) => e.id === "digest")!.runbook).toBe("https://wiki.chat.test/digest");
    expect(inventory.find((e) => e.id === "no-messages")!.condition).toBe("below 1 during business hours: No messages sent in the past hour");
    expect(inventory.find((e) => e.id === "llm-cost-spike")!.condition).toBe("up 50% on 1d before: LLM cost up more than 50% on yesterday");
  });
});

describe("business hours on the Prometheus operator", () => {
  it("guards the rule in the PrometheusRule resource, as in the rule file", () => {
    const rule = JSON.stringify(prometheusRuleResource(fixtureModel()));
    expect(rule).toContain("(sum(increase(messages_sent_total[1h]))) < 1 and on() ((vector(time() + ");
    expect(rule).toContain('"active_during":"business-hours"');
  });
});

describe("readiness diff", () => {
  it("shows a business-hours limit, a relative increase and a check's runbook as they change", () => {
    const before = fixtureModel();
    const after = fixtureModel(
      readFileSync(FIXTURE, "utf8")
        .replace("activeDuring: businessHours", "activeDuring: always")
        .replace("by: 50%", "by: 80%")
        .replace("runbook: messages-api-down.md", "runbook: api.md"),
    );
    const changes = semanticDiff(before, after, { fromDate: "2026-03-16" });
    const field = (subject: string, name: string) => changes.find((c) => c.subject === subject)?.fields.find((f) => f.field === name);
    expect(field("messages/no-messages", "active during")).toMatchObject({ before: "business hours" });
    expect(field("messages/llm-cost-spike", "condition")).toMatchObject({ before: "up 50% on 1d before", after: "up 80% on 1d before" });
    expect(field("messages/api", "runbook")).toMatchObject({ before: "https://runbooks.chat.test/messages-api-down.md", after: "https://runbooks.chat.test/api.md" });
  });
});

describe("the spec", () => {
  const base = readFileSync(FIXTURE, "utf8");
  const problems = (text: string) => {
    const r = loadModels(text, "readiness.yaml");
    return r.ok ? [] : r.diagnostics.map((d) => `${d.path} ${d.message}`);
  };

  it("accepts the fixture", () => {
    expect(problems(base)).toEqual([]);
  });

  it("says where business hours are missing for an alert that needs them", () => {
    const text = base.replace(/  businessHours: .*\n/, "");
    expect(problems(text)).toEqual([expect.stringMatching(/^services\[0\]\.alerts\[0\]\.activeDuring .*needs business hours/)]);
  });

  it("rejects an alert with both a threshold and an increase", () => {
    expect(problems(base.replace("increaseOver: { window: 1d, by: 50% }", "increaseOver: { window: 1d, by: 50% }\n        above: 3")).join("\n")).toContain("exactly one of `above`, `below` or `increaseOver`");
  });

  it("rejects a window Datadog cannot compare against, and a query that already has an offset", () => {
    expect(problems(base.replace("window: 1d, by: 50%", "window: 3d, by: 50%")).join("\n")).toMatch(/increaseOver\.window Datadog change monitors cannot compare against 3d/);
    expect(problems(base.replace("sum(rate(llm_cost_usd_total[1h]))", "sum(rate(llm_cost_usd_total[1h] offset 1h))")).join("\n")).toMatch(/query\.prometheus .*no `offset` or `@`/);
  });

  it("rejects business hours that end before they start, and an unknown zone", () => {
    expect(problems(base.replace('from: "09:00", to: "18:00"', 'from: "18:00", to: "09:00"')).join("\n")).toContain("`from` before `to`");
    expect(problems(base.replace("businessHours: {", "businessHours: { timezone: Mars/Olympus,")).join("\n")).toContain("IANA time zone");
  });

  it("checks that check and heartbeat runbooks form a URL", () => {
    const text = base.replace("runbook: messages-api-down.md", 'runbook: "//[x"').replace("runbook: https://wiki.chat.test/digest", 'runbook: "//"');
    expect(problems(text)).toEqual([
      expect.stringMatching(/^services\[0\]\.checks\[0\]\.runbook runbook "\/\/\[x" does not form a URL/),
      expect.stringMatching(/^services\[0\]\.heartbeats\[0\]\.runbook runbook "\/\/" does not form a URL/),
    ]);
  });
});
