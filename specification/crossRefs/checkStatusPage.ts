/** Cross-reference step: status page components can be probed in time, and the page's own check has a home. */
import type { Spec } from "../schema";
import type { Diagnostic, Locator } from "../diagnostics";
import { parseDuration } from "../duration";
import { parseLatencyMs } from "../latency";
import { STATUS_PAGE_CHECK_ID, statusPageOwner } from "../statusPageCheck";
import type { Path } from "./common";

/** Component probes first, then the page's own health check. */
export function checkStatusPage(spec: Spec, locate: Locator): Diagnostic[] {
  return [...checkComponentProbes(spec, locate), ...checkOwnHealthCheck(spec, locate)];
}

/** Components decided by probes need something to probe, and a probe must end before the next run starts. */
function checkComponentProbes(spec: Spec, locate: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  spec.services.forEach((svc, si) => {
    const sp = svc.statusPage;
    if (!sp) return;
    const check = svc.checks.find((c) => c.method === "GET");
    if (sp.decidedBy !== "alerts" && !sp.probe && !check)
      out.push(
        locate(
          sp.decidedBy ? ["services", si, "statusPage", "decidedBy"] : ["services", si, "statusPage"],
          "NoProbe",
          `service "${svc.id}" is on the status page but has nothing to probe`,
          "add statusPage.probe: <url> or a GET check, or decidedBy: alerts for a service without an HTTP endpoint",
        ),
      );
    const every = spec.statusPage ? (parseDuration(spec.statusPage.probeEvery)?.seconds) : undefined;
    const ms = check ? parseLatencyMs(check.expect.within) : undefined;
    const timeout = sp.probe ? 10 : ms !== undefined ? ms / 1000 : undefined;
    if (sp.decidedBy !== "alerts" && every !== undefined && timeout !== undefined && timeout >= every) {
      const at: Path = sp.probe || !check ? ["statusPage", "probeEvery"] : ["services", si, "checks", svc.checks.indexOf(check), "expect", "within"];
      out.push(locate(at, "InvalidValue", `status page probe of "${svc.id}" may take ${timeout}s, which does not fit in probeEvery ${spec.statusPage!.probeEvery} (${every}s): runs would overlap`, "make the probe timeout shorter than statusPage.probeEvery"));
    }
  });
  return out;
}

/** The status page's own health check lands on a service: it must exist and not already use the id. */
function checkOwnHealthCheck(spec: Spec, locate: Locator): Diagnostic[] {
  if (!spec.statusPage) return [];
  const out: Diagnostic[] = [];
  const owner = statusPageOwner(spec);
  const si = spec.services.findIndex((svc) => svc.id === owner);
  if (spec.statusPage.monitoredBy !== undefined && si < 0)
    out.push(locate(["statusPage", "monitoredBy"], "UnknownReference", `statusPage.monitoredBy "${spec.statusPage.monitoredBy}" is not a service id`, "name one of services[].id"));
  const clash = si < 0 ? -1 : spec.services[si].checks.findIndex((c) => c.id === STATUS_PAGE_CHECK_ID);
  if (clash >= 0)
    out.push(locate(["services", si, "checks", clash, "id"], "DuplicateId", `check id "${STATUS_PAGE_CHECK_ID}" is reserved on ${owner}: the status page's own health check uses it`, "rename this check, or set statusPage.monitoredBy to another service"));
  return out;
}
