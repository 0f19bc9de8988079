/** Cross-reference step: what threshold alerts need from the rest of the spec and from each backend. */
import type { Spec } from "../schema";
import type { Diagnostic, Locator } from "../diagnostics";
import { promqlSyntaxError, withOffset } from "../promql";
import { DATADOG_CHANGE_WINDOWS, datadogChangeShift } from "../limits/datadog";
import type { Path } from "./common";

/** Business-hours alerts need the hours; a relative increase needs a query each backend can shift. */
export function checkAlerts(spec: Spec, locate: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  spec.services.forEach((svc, si) =>
    svc.alerts.forEach((a, ai) => {
      const at: Path = ["services", si, "alerts", ai];
      if (a.activeDuring === "businessHours" && !spec.oncall?.businessHours)
        out.push(locate([...at, "activeDuring"], "UnknownReference", "`activeDuring: businessHours` needs business hours, and none are declared", "declare them once under oncall, e.g. `businessHours: { days: [monday, tuesday, wednesday, thursday, friday], from: \"09:00\", to: \"18:00\" }`"));
      if (!a.increaseOver) return;
      const prom = a.query.prometheus;
      if (prom && !promqlSyntaxError(prom) && withOffset(prom.replace(/\$\{[^}]*\}/g, "x"), a.increaseOver.window) === undefined)
        out.push(locate([...at, "query", "prometheus"], "InvalidPromQL", "`increaseOver` compares the query with itself shifted by an offset, so it needs a metric selector and no `offset` or `@` of its own", "drop the query's own offset or @ modifier"));
      if (a.query.datadog && datadogChangeShift(a.increaseOver.window) === undefined)
        out.push(locate([...at, "increaseOver", "window"], "InvalidValue", `Datadog change monitors cannot compare against ${a.increaseOver.window} before`, `use one of ${DATADOG_CHANGE_WINDOWS.join(", ")}`));
    }),
  );
  return out;
}
