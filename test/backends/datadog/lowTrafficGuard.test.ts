/**
 * The low-traffic guard in Datadog: an `slo alert` query has no event count, so every guarded
 * burn-rate pair is a composite of the `slo alert` and a traffic monitor on the SLO's total query
 * over the short window, and only the composite notifies. Checked on every spec the Datadog query
 * grammar test reads, against each pair's own `minEvents` from the model.
 */
import { renderPlan } from "../../../backends/render";
import { notifyHandles } from "../../../backends/datadog/handles";
import { DATADOG_MONITOR_TYPE } from "../../../backends/datadog/types";
import { logicalName } from "../../../plan/naming";
import { printable } from "../../../plan/format/value";
import type { PlannedResource, RenderSettings } from "../../../plan/plan";
import { isConcat, isRef } from "../../../plan/plan";
import { loadModels, formatDiagnostic } from "../../../specification/loadModels";
import type { Model } from "../../../specification/model";
import { datadogWindow } from "../../../slos/datadog";
import { datadogSpecModels, grammarProblems } from "../../support/datadogQueryGrammar";
import { exampleText } from "../../support/example";

const settings: RenderSettings = { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct", cloudflareZoneId: "zone" };

function monitors(model: Model): Map<string, PlannedResource> {
  return new Map(renderPlan(model, settings).resources.filter((r) => r.type === DATADOG_MONITOR_TYPE).map((r) => [r.name, r]));
}

const handlesIn = (r: PlannedResource | undefined): string[] => String(r?.inputs.message ?? "").match(/(?<=\s|^)@[\w.@+-]+/g) ?? [];

/** Each burn-rate pair Datadog renders (its `slo alert` exists), with the SLO and the monitors around it. */
function renderedPairs(model: Model) {
  const byName = monitors(model);
  return model.services.flatMap((service) =>
    service.slos.flatMap((slo) =>
      slo.alerts.flatMap((alert) => {
        const name = logicalName(service.id, slo.id, alert.id);
        const burn = byName.get(name);
        if (!burn) return [];
        return [{ service, slo, alert, name, burn, traffic: byName.get(`${name}/traffic`), guarded: byName.get(`${name}/guarded`) }];
      }),
    ),
  );
}

const everyModel = datadogSpecModels();
const pairs = everyModel.flatMap(({ spec, env, model }) => renderedPairs(model).map((p) => ({ spec, env, model, ...p })));

describe("the low-traffic guard of Datadog burn-rate monitors", () => {
  it("covers real pairs: the example's prod and other specs render guarded Datadog pairs", () => {
    expect(pairs.filter((p) => p.alert.minEvents > 0).length).toBeGreaterThanOrEqual(6);
    expect(new Set(pairs.map((p) => p.spec)).size).toBeGreaterThan(1);
  });

  it("is in every guarded pair: a composite `<burn id> && <traffic id>` notifies, the slo alert and traffic monitor notify nobody", () => {
    const problems = pairs.filter((p) => p.alert.minEvents > 0).flatMap((p) => {
      const where = `${p.spec} ${p.env} ${p.name}`;
      const out: string[] = [];
      const q = p.guarded?.inputs.query;
      if (p.guarded?.inputs.type !== "composite" || !isConcat(q)) return [`${where}: no composite`];
      const [a, and, b] = q.$concat;
      if (!isRef(a) || a.resource !== p.name || and !== " && " || !isRef(b) || b.resource !== `${p.name}/traffic`) out.push(`${where}: composite query ${JSON.stringify(q)}`);
      if (handlesIn(p.burn).length || handlesIn(p.traffic).length) out.push(`${where}: a part notifies`);
      const expected = notifyHandles(p.model, p.service.id, p.alert.severity);
      if (!expected.every((h) => handlesIn(p.guarded).includes(h))) out.push(`${where}: composite does not notify ${expected.join(" ")}`);
      return out;
    });
    expect(problems).toEqual([]);
  });

  it("counts the pair's own minEvents over exactly its short window from the SLO's total, in a query the grammar accepts", () => {
    const problems = pairs.filter((p) => p.alert.minEvents > 0).flatMap((p) => {
      const query = String(printable(p.traffic?.inputs.query ?? null));
      const total = p.slo.sli.kind === "ratio" ? p.slo.sli.total.datadog : undefined;
      const expected = `sum(last_${datadogWindow(p.alert.short)}):${total} >= ${p.alert.minEvents}`;
      return [
        ...(query === expected ? [] : [`${p.spec} ${p.env} ${p.name}: ${query}, expected ${expected}`]),
        ...grammarProblems(query),
        ...((p.traffic?.inputs.monitorThresholds as { critical?: string })?.critical === String(p.alert.minEvents) ? [] : [`${p.name}: critical threshold`]),
      ];
    });
    expect(problems).toEqual([]);
  });

  it("keeps one failure under the threshold: at minEvents one bad event is within factor x budget, at one fewer it would not be", () => {
    for (const p of pairs.filter((x) => x.alert.minEvents > 1)) {
      const threshold = p.alert.factor * p.slo.errorBudget;
      expect(1 / p.alert.minEvents).toBeLessThanOrEqual(threshold + 1e-12);
      expect(1 / (p.alert.minEvents - 1)).toBeGreaterThan(threshold);
    }
  });

  it("six requests an hour never reach any guarded pair's traffic threshold in the example's prod, so one failure among them cannot notify", () => {
    const prod = pairs.filter((p) => p.spec === "readiness.yaml" && p.env === "prod" && p.alert.minEvents > 0);
    expect(prod.map((p) => p.alert.id)).toEqual(expect.arrayContaining(["page-fast", "page-slow", "ticket-fast"]));
    for (const p of prod) expect(Math.ceil((6 * p.alert.short.seconds) / 3600)).toBeLessThan(p.alert.minEvents);
  });

  it("follows the SLO's minEvents, and minEvents: 0 leaves the slo alert notifying on its own", () => {
    const withAvailability = (extra: string) => {
      const head = "      - id: availability\n        objective: 99.9        # percent of good events\n";
      const text = exampleText().replace(head, `${head}${extra}`);
      expect(text).toContain(extra);
      const r = loadModels(text, "readiness.yaml");
      if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
      return monitors(r.models.prod);
    };
    const twenty = withAvailability("        minEvents: 20\n");
    expect(String(printable(twenty.get("billing-api/availability/page-slow/traffic")?.inputs.query ?? null))).toBe("sum(last_30m):sum:trace.http.request.hits{service:billing-api,env:prod}.as_count() >= 20");
    const off = withAvailability("        minEvents: 0\n");
    expect(off.has("billing-api/availability/page-fast/traffic")).toBe(false);
    expect(off.has("billing-api/availability/page-fast/guarded")).toBe(false);
    expect(handlesIn(off.get("billing-api/availability/page-fast"))).toContain("@pagerduty-billing-platform-prod-billing-api");
  });
});
