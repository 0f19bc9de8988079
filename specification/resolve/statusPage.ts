/** Resolve step: the public status page and how each component's state is decided. */
import type { Spec } from "../schema";
import type { StatusComponent, StatusPage } from "../model";
import type { ResolveContext } from "./context";
import { budget, cmp, dur } from "./values";

/** The status page, or undefined when the spec has none; components sorted by group, name, id. */
export function resolveStatusPage(ctx: ResolveContext): StatusPage | undefined {
  const s = ctx.spec;
  if (!s.statusPage) return undefined;
  const components: StatusComponent[] = s.services
    .filter((svc) => svc.statusPage)
    .map(statusComponent)
    .sort((a, b) => cmp(a.group, b.group) || cmp(a.name, b.name) || cmp(a.id, b.id));
  return { title: s.statusPage.title, hostname: s.statusPage.hostname, probeEvery: dur(s.statusPage.probeEvery), historyDays: s.statusPage.historyDays, components, deadMansSwitch: { after: dur(s.statusPage.deadMansSwitch.after) }, ...(ctx.statusPageNotServed ? { notServed: ctx.statusPageNotServed } : {}) };
}

/** A service's component: probed at its declared probe URL, else through its first GET check. */
function statusComponent(svc: Spec["services"][number]): StatusComponent {
  const sp = svc.statusPage!;
  const check = svc.checks.find((c) => c.method === "GET");
  const probeable = sp.probe !== undefined || check !== undefined;
  const decidedBy = sp.decidedBy ?? "probes";
  return {
    id: svc.id,
    name: sp.component,
    group: sp.group,
    decidedBy,
    ...(probeable && decidedBy !== "alerts"
      ? {
          probe: {
            url: sp.probe ?? check!.http,
            method: "GET" as const,
            expectStatus: sp.probe ? 200 : check!.expect.status,
            bodyContains: sp.probe ? undefined : check!.expect.bodyContains,
            timeout: probeTimeout(sp.probe ? "10s" : check!.expect.within),
          },
        }
      : {}),
    alertAfter: sp.alertAfter ?? (sp.probe || !check ? 2 : check.alertAfter),
  };
}

/** A probe timeout from a budget: seconds (fractional under 1s) and text, as the Worker reads it. */
function probeTimeout(within: string): { seconds: number; text: string } {
  const { seconds, text } = budget(within);
  return { seconds, text };
}
