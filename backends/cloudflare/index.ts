/** The Cloudflare renderer: health checks with their notification policies, and the status page. */
import type { Model } from "../../specification/model";
import type { RenderSettings } from "../../plan/plan";
import { secret } from "../../plan/plan";
import type { BackendDescriptor } from "../descriptor";
import { inventory } from "./inventory";
import type { PlanFragment } from "../../plan/components";
import { serviceComponent, stackComponent } from "../../plan/components";
import { cloudflareHealthchecks } from "./healthchecks";
import { renderStatusPage } from "./statusPage";
import { cloudflareLimitProblems } from "./limits";

/** Everything Cloudflare provisions for one environment; empty when Cloudflare is not one of its backends. */
export function render(model: Model, settings: RenderSettings): PlanFragment {
  if (!model.backends.includes("cloudflare")) return { components: [], lookups: [], resources: [] };
  const checks = cloudflareHealthchecks(model, settings);
  const statusPage = renderStatusPage(model, settings);
  const parents = new Set(checks.map((r) => r.parent));
  return {
    components: [stackComponent(model), ...model.services.filter((s) => parents.has(s.id)).map((s) => serviceComponent(model, s.id)), ...statusPage.components],
    lookups: statusPage.lookups,
    resources: [...checks, ...statusPage.resources],
  };
}

/** The cloudflare backend (@pulumi/cloudflare). */
export const descriptor: BackendDescriptor = {
  id: "cloudflare",
  package: "cloudflare",
  sdk: () => require("@pulumi/cloudflare"),
  render,
  inventory,
  limits: cloudflareLimitProblems,
  provider: (base) => ({ ...base, type: "pulumi:providers:cloudflare", inputs: { apiToken: secret("cloudflare:apiToken") } }),
};
