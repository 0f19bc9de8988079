/**
 * One answer to "who does this wake": for every route of the examples and of generated specs
 * with every routing feature (overrides per service and per alert, urgency pinned high or low,
 * escalations to schedules and to people, business hours, paging off), what the rendered routing
 * delivers (the exported Alertmanager tree and Grafana's notification policy, as the audit reads
 * them), what the audit's inventory, the semantic diff, validate's summary and the report say all
 * name the same people.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { renderPlan } from "../../backends/render";
import { settingsFromConfig } from "../../plan/settings";
import { alertmanagerConfig } from "../../backends/prometheus/alertmanager";
import { prometheusRuleGroups } from "../../rules/groups";
import { isAlertRule } from "../../rules/rule";
import { WATCHDOG_LABEL } from "../../rules/watchdogRules";
import { alertmanagerDelivery } from "../../backends/prometheus/delivery";
import { grafanaDelivery } from "../../backends/grafana/delivery";
import { alertInventory } from "../../audit/inventory";
import { semanticDiff } from "../../diff/semanticDiff";
import { emptyModel } from "../../diff/emptyModel";
import { summarize } from "../../cli/validate";
import { checkEvidence } from "../../report/evidence";
import { fsIncludeReader } from "../../files/includeReader";
import { whoItemWakes, whoRouteWakes } from "../../oncall/reach";
import { loadModels, formatDiagnostic } from "../../specification/loadModels";
import type { Model, Severity } from "../../specification/model";
import { SEVERITIES } from "../../specification/model";
import { routingSpecText } from "../support/routingSpec";

const ROOT = path.join(__dirname, "..", "..");
const settings = settingsFromConfig((k) => ({ "readiness:grafanaDatasourceUid": "prom" })[k as "readiness:grafanaDatasourceUid"]);

function models(file: string, text: string): Model[] {
  const r = loadModels(text, file, fsIncludeReader);
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return Object.values(r.models);
}

const exampleSpecs: [string, Model[]][] = readdirSync(path.join(ROOT, "examples"))
  .filter((d) => existsSync(path.join(ROOT, "examples", d, "readiness.yaml")))
  .map((d) => {
    const file = path.join("examples", d, "readiness.yaml");
    return [file, models(file, readFileSync(path.join(ROOT, file), "utf8"))];
  });

/** Routing variants of a two-service spec: every severity's service route to each escalation at each urgency. */
function generatedSpecs(): [string, Model[]][] {
  const out: [string, Model[]][] = [];
  const targets = ["escalation: primary", "escalation: payments", 'slack: "#billing-team"', "escalation: payments, email: pay@acme.test"];
  const urgencies = ["", ", urgency: low", ", urgency: high"];
  for (const severity of ["page", "ticket"] as const)
    for (const t of targets)
      for (const u of urgencies) {
        if (u && !t.startsWith("escalation")) continue;
        const billingRouting = `      ${severity}: { ${t}${u} }`;
        // An alert active only in business hours, routed by its service.
        const extraAlert = `      - { id: batch-late, summary: Batch late, severity: ${severity}, for: 5m, above: 1, activeDuring: businessHours, query: { prometheus: "max(batch_lag)", datadog: "max:batch.lag{*}" } }`;
        // A service pages through one escalation: the fraud alert's own route follows the service's.
        const escalation = severity === "page" && t.includes("payments") ? "payments" : "primary";
        const text = routingSpecText({ billingRouting, extraAlert }).replace("route: { escalation: primary, webhook", `route: { escalation: ${escalation}, webhook`).replace("oncall:\n  timezone: UTC", "oncall:\n  timezone: UTC\n  businessHours: { days: [monday, tuesday, wednesday, thursday, friday], from: \"09:00\", to: \"17:00\" }");
        out.push([`billing ${severity}: { ${t}${u} }`, models("readiness.yaml", text)]);
      }
  return out;
}

const specs = [...exampleSpecs, ...generatedSpecs()];

/** The service's alert id a rule label names, when that is a spec alert (SLO, check and heartbeat rules route by severity). */
function alertIdOf(model: Model, labels: Record<string, string>): string | undefined {
  return model.services.find((s) => s.id === labels.service)?.alerts.some((a) => a.id === labels.alert) ? labels.alert : undefined;
}

describe.each(specs)("%s", (_name, envs) => {
  test.each(envs.map((m) => [m.environment, m] as const))("%s: the rendered routing wakes whom the one answer says, for every rule", (_env, model) => {
    const am = alertmanagerDelivery(model, alertmanagerConfig(model));
    const grafana = grafanaDelivery(model, renderPlan(model, settings));
    let checked = 0;
    for (const rule of prometheusRuleGroups(model).flatMap((g) => g.rules.filter(isAlertRule))) {
      const labels = rule.labels;
      if (labels[WATCHDOG_LABEL] === "true" || !labels.service) continue;
      const expected = whoItemWakes(model, labels.service, labels.severity as Severity, alertIdOf(model, labels));
      expect({ rule: rule.alert, wakes: am(labels).wakes }).toEqual({ rule: rule.alert, wakes: expected });
      if (grafana) expect({ rule: rule.alert, wakes: grafana(labels).wakes }).toEqual({ rule: rule.alert, wakes: expected });
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  test.each(envs.map((m) => [m.environment, m] as const))("%s: audit, diff, validate and the report name the same people", (_env, model) => {
    for (const e of alertInventory(model)) {
      const alertId = e.kind === "alert" ? e.id : undefined;
      expect({ id: e.id, wakes: e.wakes }).toEqual({ id: e.id, wakes: whoItemWakes(model, e.service, e.severity, alertId) });
    }
    const routing = semanticDiff(emptyModel(model), model, { fromDate: "2026-11-23" }).filter((c) => c.kind === "routing");
    for (const severity of SEVERITIES) {
      const woken = whoRouteWakes(model, model.routing[severity]);
      const said = routing.find((c) => c.subject === severity)?.fields.find((f) => f.field === "can wake")?.after;
      if (said !== undefined) expect({ severity, said }).toEqual({ severity, said: woken.join(", ") || "nobody" });
      else expect({ severity, woken }).toEqual({ severity, woken: [] });
      const evidence = checkEvidence(model, { kind: "routing", severity, text: `routing:${severity}` });
      if (woken.length) expect(evidence.reason).toContain(`(can wake ${woken.join(", ")})`);
      else expect(evidence.reason).not.toContain("can wake");
    }
    // Every override's route: the diff names whom it wakes as the audit's inventory does for its alerts.
    const inventory = alertInventory(model);
    for (const c of routing.filter((x) => x.subject.startsWith("override "))) {
      const [service, what] = c.subject.slice("override ".length).split("/");
      const said = c.fields.find((f) => f.field === "can wake")?.after;
      const items = inventory.filter((e) => e.service === service && (e.id === what || (e.severity === what && !model.services.find((s) => s.id === service)?.alerts.find((a) => a.id === e.id)?.route)));
      for (const e of items) expect({ override: c.subject, item: e.id, wakes: e.wakes.join(", ") || "nobody" }).toEqual({ override: c.subject, item: e.id, wakes: said });
    }
    // validate's summary names exactly whom the diff's routes can wake, and everyone the audit's inventory wakes.
    const byDiff = [...new Set(routing.flatMap((c) => (c.fields.find((f) => f.field === "can wake")?.after ?? "nobody").split(", ")).filter((p) => p !== "nobody"))].sort();
    for (const e of inventory) for (const p of e.wakes) expect(byDiff).toContain(p);
    const names = byDiff.map((id) => model.oncall.people.find((p) => p.id === id)?.name ?? id);
    const summary = summarize(model);
    if (!model.paging) expect(byDiff).toEqual([]);
    else expect(summary.split("\n")[1]).toMatch(new RegExp(`; pages reach ${(names.join(", ") || "nobody").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
  });
});
