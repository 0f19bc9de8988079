import { inputsOf } from "../../support/inputs";
import { parseDocument } from "yaml";
import { render } from "../../../backends/pagerduty";
import { PD_ESCALATION_POLICY, PD_SCHEDULE, PD_SERVICE, PD_USER_LOOKUP } from "../../../backends/pagerduty/tokens";
import { PD_SERVICE_INTEGRATION } from "../../../plan/pagerdutyIntegration";
import type { PlanResource, RenderSettings } from "../../../plan/plan";
import { loadModels } from "../../../specification/loadModels";
import { exampleModel, exampleText } from "../../support/example";

const settings: RenderSettings = { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct" };
const byType = (rs: PlanResource[], type: string) => rs.filter((r) => r.type === type);

describe("PagerDuty plan of the example spec", () => {
  test("prod looks up every person, rotates both schedules weekly from Monday 2025-01-06 09:00 EST, and protects on-call resources", () => {
    const plan = render(exampleModel("prod"), settings);
    expect(plan.lookups.map((l) => [l.token, l.name, "email" in l.args ? l.args.email : undefined])).toEqual([
      [PD_USER_LOOKUP, "ana", "ana@acme.test"],
      [PD_USER_LOOKUP, "ben", "ben@acme.test"],
      [PD_USER_LOOKUP, "chen", "chen@acme.test"],
      [PD_USER_LOOKUP, "dana", "dana@acme.test"],
    ]);
    const schedules = byType(plan.resources, PD_SCHEDULE);
    expect(schedules.map((s) => s.name)).toEqual(["billing-primary", "billing-secondary"]);
    for (const s of schedules) {
      expect(inputsOf(s).layers).toMatchObject([{ start: "2025-01-06T09:00:00-05:00", rotationVirtualStart: "2025-01-06T09:00:00-05:00", rotationTurnLengthSeconds: 604800 }]);
      expect(s.protect).toBe(true);
    }
    const [policy] = byType(plan.resources, PD_ESCALATION_POLICY);
    expect(inputsOf(policy).numLoops).toBe(2);
    expect((inputsOf(policy).rules as { escalationDelayInMinutes: number }[]).map((r) => r.escalationDelayInMinutes)).toEqual([15, 15, 30]);
    expect(byType(plan.resources, PD_SERVICE).map((s) => [s.name, s.protect])).toEqual([
      ["billing-api", true],
      ["charge-run", true],
      ["webhooks", true],
    ]);
    expect(byType(plan.resources, PD_SERVICE_INTEGRATION).map((s) => s.name)).toEqual([
      "billing-api/grafana",
      "billing-api/datadog",
      "charge-run/grafana",
      "charge-run/datadog",
      "webhooks/grafana",
      "webhooks/datadog",
    ]);
  });

  test("staging has no Datadog integration, low urgency everywhere and nothing protected", () => {
    const plan = render(exampleModel("staging"), settings);
    expect(byType(plan.resources, PD_SERVICE_INTEGRATION).map((s) => s.name)).toEqual(["billing-api/grafana", "charge-run/grafana", "webhooks/grafana"]);
    for (const s of byType(plan.resources, PD_SERVICE)) expect(inputsOf(s).incidentUrgencyRule).toEqual({ type: "constant", urgency: "low" });
    expect(plan.resources.filter((r) => r.protect)).toEqual([]);
  });

  test("reordering people, schedules, escalations and services in the spec changes nothing, byte for byte", () => {
    const doc = parseDocument(exampleText());
    for (const path of [["oncall", "people"], ["oncall", "schedules"], ["oncall", "escalations"], ["services"]]) {
      const list = doc.getIn(path) as { items: unknown[] };
      list.items.reverse();
    }
    const reordered = loadModels(doc.toString(), "readiness.yaml");
    if (!reordered.ok) throw new Error("reordered example does not load");
    for (const env of ["staging", "prod"] as const) {
      expect(JSON.stringify(render(reordered.models[env], settings))).toBe(JSON.stringify(render(exampleModel(env), settings)));
    }
  });
});
