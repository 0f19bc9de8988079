/** Cross-reference step: runbooks form a URL against system.runbookBase. */
import type { Spec } from "../schema";
import type { Diagnostic, Locator } from "../diagnostics";
import { runbookUrlOf } from "../resolve/context";
import type { Path } from "./common";

/** Every runbook of a service, alert, check and heartbeat forms a URL. */
export function checkRunbooks(spec: Spec, locate: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  spec.services.forEach((svc, si) => {
    const bad = (at: Path, path: string) => out.push(locate(at, "InvalidValue", `runbook "${path}" does not form a URL against system.runbookBase`, "write a path such as billing-api.md or an absolute https:// URL"));
    if (svc.runbook !== undefined && runbookUrlOf(svc.runbook, spec.system.runbookBase) === undefined) bad(["services", si, "runbook"], svc.runbook);
    svc.alerts.forEach((a, ai) => a.runbook !== undefined && runbookUrlOf(a.runbook, spec.system.runbookBase) === undefined && bad(["services", si, "alerts", ai, "runbook"], a.runbook));
    svc.checks.forEach((c, ci) => c.runbook !== undefined && runbookUrlOf(c.runbook, spec.system.runbookBase) === undefined && bad(["services", si, "checks", ci, "runbook"], c.runbook));
    svc.heartbeats.forEach((h, hi) => h.runbook !== undefined && runbookUrlOf(h.runbook, spec.system.runbookBase) === undefined && bad(["services", si, "heartbeats", hi, "runbook"], h.runbook));
  });
  return out;
}
