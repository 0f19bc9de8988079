/**
 * Every backend's descriptor declares what it renders that can notify (`inventory` in
 * backends/descriptor.ts), which is all the audit's inventory knows of it. For every example and
 * valid fixture, rendered with every backend and the settings that turn on every resource, each
 * resource a backend renders is either a source of notifying items or declared quiet, never both
 * and never neither: a backend that starts rendering a new alerting resource without declaring it
 * fails here instead of silently escaping the audit.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { REGISTRY } from "../../backends/registry";
import { selects, type BackendDescriptor } from "../../backends/descriptor";
import { renderPlan } from "../../backends/render";
import { settingsFromConfig } from "../../plan/settings";
import type { PlannedResource } from "../../plan/plan";
import { renderedInventory } from "../../audit/rendered";
import { fsIncludeReader } from "../../files/includeReader";
import { formatDiagnostic, loadModels } from "../../specification/loadModels";
import type { Backend, Model } from "../../specification/model";

const ROOT = path.join(__dirname, "..", "..");
const settings = settingsFromConfig(
  (k) => ({ "readiness:cloudflareAccountId": "acct", "readiness:cloudflareZoneId": "zone", "readiness:grafanaDatasourceUid": "prom", "readiness:blackboxProberUrl": "http://blackbox:9115" })[k as string],
);
const BACKENDS = Object.keys(REGISTRY) as Backend[];

const specFiles = [
  "readiness.yaml",
  ...readdirSync(path.join(ROOT, "examples")).map((d) => `examples/${d}/readiness.yaml`),
  ...readdirSync(path.join(ROOT, "fixtures/valid")).map((f) => `fixtures/valid/${f}`),
].filter((f) => existsSync(path.join(ROOT, f)));

/** Every environment of every example and valid fixture, with every backend on. */
const models: Model[] = specFiles.flatMap((file) => {
  const r = loadModels(readFileSync(path.join(ROOT, file), "utf8"), path.join(ROOT, file), fsIncludeReader);
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return Object.values(r.models).map((m) => ({ ...m, backends: BACKENDS }));
});

/** What a resource is, for messages: its type, and for custom resources its kind. */
function what(r: PlannedResource): string {
  const kind = (r.inputs as { kind?: unknown }).kind;
  return typeof kind === "string" && /CustomResource$/.test(r.type) ? `${r.type} (${kind})` : r.type;
}

/** The rendered resources a descriptor does not classify exactly once (as a source or as quiet). */
function unclassified(d: BackendDescriptor, resources: readonly PlannedResource[]): string[] {
  const selectors = [...d.inventory.sources.map((s) => s.resources), ...d.inventory.quiet];
  const out = new Set<string>();
  for (const r of resources) {
    const n = selectors.filter((s) => selects(s, r)).length;
    if (n !== 1) out.add(`${d.id}: ${what(r)} ${n === 0 ? "is neither a source nor quiet" : "is declared twice"}`);
  }
  return [...out].sort();
}

const rendered = BACKENDS.map((b) => [b, models.flatMap((m) => REGISTRY[b].render(m, settings).resources as PlannedResource[])] as const);

describe("every backend's inventory covers what it renders", () => {
  test("the examples load and render with every backend", () => {
    expect(models.length).toBeGreaterThan(10);
    for (const [b, resources] of rendered) expect({ backend: b, rendered: resources.length > 0 }).toEqual({ backend: b, rendered: true });
  });

  test.each(BACKENDS)("%s: every resource type it renders for the examples is a declared source or declared quiet", (b) => {
    expect(unclassified(REGISTRY[b], rendered.find(([x]) => x === b)![1])).toEqual([]);
  });

  test.each(BACKENDS.filter((b) => REGISTRY[b].inventory.sources.length > 0))("%s: every declared source is rendered by some example and reads items from it", (b) => {
    for (const source of REGISTRY[b].inventory.sources) {
      const items = models.flatMap((m) => REGISTRY[b].render(m, settings).resources.filter((r) => selects(source.resources, r)).flatMap((r) => source.read(r, m)));
      expect({ source: source.resources, read: items.length > 0 }).toEqual({ source: source.resources, read: true });
    }
  });

  test("a backend that renders an alerting resource it does not declare is caught, and the audit lists only what the sources read", () => {
    const grafana = REGISTRY.grafana;
    const undeclared: BackendDescriptor = { ...grafana, inventory: { ...grafana.inventory, sources: [] } };
    const [, resources] = rendered.find(([x]) => x === "grafana")!;
    expect(unclassified(undeclared, resources)).toEqual(["grafana: grafana:alerting/ruleGroup:RuleGroup is neither a source nor quiet"]);
    // What the declaration is for: the audit lists a backend's items exactly as its sources read them.
    for (const model of models) {
      const plan = renderPlan(model, settings);
      for (const b of BACKENDS) {
        const declared = REGISTRY[b].inventory.sources.flatMap((s) => plan.resources.filter((r) => selects(s.resources, r)).flatMap((r) => s.read(r, model).map((i) => i.name)));
        const listed = renderedInventory(model, plan).filter((i) => i.backend === b && !i.exportOnly).map((i) => i.name);
        expect({ backend: b, listed: listed.sort() }).toEqual({ backend: b, listed: declared.sort() });
      }
    }
  });
});
