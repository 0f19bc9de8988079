/**
 * Checks that need the whole spec: duplicate ids, references that point nowhere, variables not
 * defined in every environment, PromQL that does not parse. All problems are reported together.
 */
import type { Spec } from "./schema";
import type { Diagnostic } from "./diagnostics";
import { didYouMean } from "./diagnostics";
import type { Locator } from "./diagnostics";
import { promqlSyntaxError, withOffset } from "./promql";
import { DATADOG_CHANGE_WINDOWS, datadogChangeShift } from "./limits/datadog";
import { parseDuration } from "./duration";
import { runbookUrlOf } from "./resolve";
import { STATUS_PAGE_CHECK_ID, statusPageOwner } from "./statusPageCheck";
import { RESERVED_COMPONENT_NAMES } from "./reservedIds";
import { serviceTeam } from "./owner";

type Path = (string | number)[];

export function checkCrossReferences(spec: Spec, locate: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const oncall = spec.oncall ?? { timezone: "UTC", people: [], schedules: [], escalations: [] };

  const dupes = (items: { id: string; previously?: string[] }[], at: Path, what: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      for (const name of [item.id, ...(item.previously ?? [])]) {
        const first = seen.get(name);
        if (first !== undefined && first !== i) out.push(locate([...at, i, "id"], "DuplicateId", `duplicate ${what} id "${name}"`, `${formatAt(at)}[${first}] already uses it; ids must be unique`));
        else seen.set(name, i);
      }
    });
  };
  dupes(spec.services, ["services"], "service");
  dupes(oncall.people, ["oncall", "people"], "person");
  dupes(oncall.schedules, ["oncall", "schedules"], "schedule");
  dupes(oncall.escalations, ["oncall", "escalations"], "escalation");
  dupes(spec.signoffs, ["signoffs"], "sign-off");
  dupes(spec.dashboards, ["dashboards"], "dashboard");
  spec.services.forEach((svc, si) => {
    dupes(svc.slos, ["services", si, "slos"], "SLO");
    dupes(svc.alerts, ["services", si, "alerts"], "alert");
    dupes(svc.checks, ["services", si, "checks"], "check");
    dupes(svc.heartbeats, ["services", si, "heartbeats"], "heartbeat");
    if ((RESERVED_COMPONENT_NAMES as readonly string[]).includes(svc.id))
      out.push(locate(["services", si, "id"], "ReservedId", `service id "${svc.id}" is reserved`, `${RESERVED_COMPONENT_NAMES.join(", ")} name generated components; choose another id`));
  });

  // `stacks: { by: owner }` puts each service in its team's stack: every service needs a team.
  const byOwner = Object.entries(spec.environments).find(([, e]) => e.stacks?.by === "owner")?.[0];
  if (byOwner !== undefined)
    spec.services.forEach((svc, si) => {
      if (serviceTeam(svc, spec.system) === undefined) out.push(locate(["services", si], "NoOwner", `service "${svc.id}" has no owner, and environments.${byOwner}.stacks.by: owner puts each service in its team's stack`, "set services[].owner, declare the service in a team file (its name is the team), or set system.owner"));
    });

  const people = oncall.people.map((p) => p.id);
  const schedules = oncall.schedules.map((s) => s.id);
  const escalations = oncall.escalations.map((e) => e.id);
  const unknown = (at: Path, what: string, name: string, known: string[], whenNoneKnown = "declare it under oncall") => {
    const guess = didYouMean(name, known);
    out.push(locate(at, "UnknownReference", `${what} "${name}" is not defined`, guess ? `did you mean "${guess}"?` : known.length ? `known: ${known.join(", ")}` : whenNoneKnown));
  };

  oncall.schedules.forEach((s, i) =>
    s.members.forEach((m, j) => {
      if (!people.includes(m)) unknown(["oncall", "schedules", i, "members", j], "person", m, people);
    }),
  );
  oncall.escalations.forEach((e, i) =>
    e.levels.forEach((level, j) => {
      if (level.notify.length === 0) out.push(locate(["oncall", "escalations", i, "levels", j], "EmptyEscalationLevel", "this escalation level notifies no one", "add schedule:<id> or person:<id> to notify"));
      level.notify.forEach((target, k) => {
        const [kind, name] = target.split(":");
        if (kind === "schedule" && !schedules.includes(name)) unknown(["oncall", "escalations", i, "levels", j, "notify", k], "schedule", name, schedules);
        if (kind === "person" && !people.includes(name)) unknown(["oncall", "escalations", i, "levels", j, "notify", k], "person", name, people);
      });
    }),
  );
  for (const sev of ["page", "ticket", "info"] as const) {
    const esc = spec.routing[sev]?.escalation;
    if (esc !== undefined && !escalations.includes(esc)) unknown(["routing", sev, "escalation"], "escalation", esc, escalations);
  }
  spec.services.forEach((svc, si) => {
    for (const sev of ["page", "ticket", "info"] as const) {
      const esc = svc.routing?.[sev]?.escalation;
      if (esc !== undefined && !escalations.includes(esc)) unknown(["services", si, "routing", sev, "escalation"], "escalation", esc, escalations);
    }
    // A spec service is one PagerDuty service, which has exactly one escalation policy.
    const own =
      (["page", "ticket", "info"] as const).map((sev) => (svc.routing?.[sev] ?? spec.routing[sev])?.escalation).find((e) => e !== undefined) ??
      [...svc.alerts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).find((a) => a.route?.escalation !== undefined)?.route?.escalation;
    svc.alerts.forEach((a, ai) => {
      const esc = a.route?.escalation;
      if (esc === undefined) return;
      const at: Path = ["services", si, "alerts", ai, "route", "escalation"];
      if (!escalations.includes(esc)) unknown(at, "escalation", esc, escalations);
      else if (own !== undefined && esc !== own)
        out.push(locate(at, "InvalidValue", `escalation "${esc}" differs from "${own}", the one service ${svc.id} pages through`, `a service's alerts share one PagerDuty service and so one escalation policy; set it in services[${si}].routing instead, or route this alert to slack, email or a webhook`));
    });
  });

  // Sign-off evidence must name something in the spec.
  const svcById = new Map(spec.services.map((s) => [s.id, s]));
  spec.signoffs.forEach((so, i) =>
    so.evidence.forEach((ev, j) => {
      const at: Path = ["signoffs", i, "evidence", j];
      const [kind, rest] = splitOnce(ev, ":");
      const [svcId, itemId] = splitOnce(rest ?? "", "/");
      switch (kind) {
        case "statusPage":
          if (rest !== undefined) out.push(locate(at, "InvalidValue", `"statusPage" evidence takes no argument, got "${ev}"`));
          else if (!spec.statusPage) out.push(locate(at, "UnknownReference", "evidence statusPage, but the spec has no statusPage"));
          return;
        case "check":
        case "slo":
        case "heartbeat":
        case "alert": {
          const svc = svcById.get(svcId);
          if (!svc || itemId === undefined) return unknown(at, "service", svcId, [...svcById.keys()]);
          const items = { check: svc.checks, slo: svc.slos, heartbeat: svc.heartbeats, alert: svc.alerts }[kind].map((x) => x.id);
          const what = kind === "slo" ? "SLO" : kind;
          if (!items.includes(itemId)) {
            const guess = didYouMean(itemId, items);
            const hint = guess ? `did you mean "${kind}:${svcId}/${guess}"?` : items.length ? `known: ${items.join(", ")}` : `service "${svcId}" has no ${what}s`;
            out.push(locate(at, "UnknownReference", `${what} "${itemId}" of service "${svcId}" is not defined`, hint));
          }
          return;
        }
        case "runbook":
          if (!svcById.has(svcId)) unknown(at, "service", svcId, [...svcById.keys()]);
          return;
        case "escalation":
          if (!escalations.includes(rest ?? "")) unknown(at, "escalation", rest ?? "", escalations);
          return;
        case "schedule":
          if (!schedules.includes(rest ?? "")) unknown(at, "schedule", rest ?? "", schedules);
          return;
        case "dashboard": {
          const dashboards = spec.dashboards.map((d) => d.id);
          if (!dashboards.includes(rest ?? "")) unknown(at, "dashboard", rest ?? "", dashboards, "declare it under dashboards");
          return;
        }
        case "external":
          if (!isExternalTarget(rest ?? ""))
            out.push(locate(at, "InvalidValue", `external evidence names an http(s) URL or a path in the repository, got "${rest ?? ""}"`, "write e.g. external:https://github.com/org/repo/actions/workflows/load.yml or external:.github/workflows/ci.yml"));
          return;
        case "routing":
          if (!["page", "ticket", "info"].includes(rest ?? "")) out.push(locate(at, "InvalidValue", `routing evidence names a severity (page, ticket, info), got "${rest ?? ""}"`));
          return;
        default: {
          const kinds = [...EVIDENCE_KINDS];
          const guess = didYouMean(kind, kinds);
          out.push(locate(at, "InvalidValue", `unknown evidence kind "${kind}"`, guess ? `did you mean "${guess}"?` : `use one of ${kinds.join(", ")}`));
        }
      }
    }),
  );

  // Owners and approvers are people the spec knows, or email addresses; phases are the declared ones.
  const personOrEmail = (at: Path, what: string, name: string) => {
    if (name.includes("@")) {
      if (!EMAIL_RE.test(name)) out.push(locate(at, "InvalidValue", `${what} "${name}" is not an email address`, "write a person id from oncall.people or an email address"));
    } else if (!people.includes(name)) unknown(at, `${what} (person)`, name, people, "write an email address, or declare the person under oncall.people");
  };
  spec.signoffs.forEach((so, i) => {
    if (so.owner !== undefined) personOrEmail(["signoffs", i, "owner"], "owner", so.owner);
    so.approvers?.forEach((a, j) => personOrEmail(["signoffs", i, "approvers", j], "approver", a));
    if (spec.phases && !spec.phases.includes(so.phase)) {
      const guess = didYouMean(so.phase, spec.phases);
      out.push(locate(["signoffs", i, "phase"], "UnknownReference", `phase "${so.phase}" is not one of the declared phases`, guess ? `did you mean "${guess}"? declared: ${spec.phases.join(", ")}` : `declared: ${spec.phases.join(", ")}; add it to phases`));
    }
  });
  if (spec.phases) {
    const seen = new Set<string>();
    spec.phases.forEach((p, i) => {
      if (seen.has(p)) out.push(locate(["phases", i], "DuplicateId", `phase "${p}" is listed twice`, "each phase appears once, in order"));
      seen.add(p);
    });
  }

  // Runbooks must form a URL against runbookBase.
  spec.services.forEach((svc, si) => {
    const bad = (at: Path, path: string) => out.push(locate(at, "InvalidValue", `runbook "${path}" does not form a URL against system.runbookBase`, "write a path such as billing-api.md or an absolute https:// URL"));
    if (svc.runbook !== undefined && runbookUrlOf(svc.runbook, spec.system.runbookBase) === undefined) bad(["services", si, "runbook"], svc.runbook);
    svc.alerts.forEach((a, ai) => a.runbook !== undefined && runbookUrlOf(a.runbook, spec.system.runbookBase) === undefined && bad(["services", si, "alerts", ai, "runbook"], a.runbook));
    svc.checks.forEach((c, ci) => c.runbook !== undefined && runbookUrlOf(c.runbook, spec.system.runbookBase) === undefined && bad(["services", si, "checks", ci, "runbook"], c.runbook));
    svc.heartbeats.forEach((h, hi) => h.runbook !== undefined && runbookUrlOf(h.runbook, spec.system.runbookBase) === undefined && bad(["services", si, "heartbeats", hi, "runbook"], h.runbook));
  });

  // Business-hours alerts need the hours; a relative increase needs a query each backend can shift.
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

  // Status page components decided by probes need something to probe, and a probe must end before the next run starts.
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
    const timeout = sp.probe ? 10 : check ? (parseDuration(check.expect.within)?.seconds) : undefined;
    if (sp.decidedBy !== "alerts" && every !== undefined && timeout !== undefined && timeout >= every) {
      const at: Path = sp.probe || !check ? ["statusPage", "probeEvery"] : ["services", si, "checks", svc.checks.indexOf(check), "expect", "within"];
      out.push(locate(at, "InvalidValue", `status page probe of "${svc.id}" may take ${timeout}s, which does not fit in probeEvery ${spec.statusPage!.probeEvery} (${every}s): runs would overlap`, "make the probe timeout shorter than statusPage.probeEvery"));
    }
  });

  // The status page's own health check lands on a service: it must exist and not already use the id.
  if (spec.statusPage) {
    const owner = statusPageOwner(spec);
    const si = spec.services.findIndex((svc) => svc.id === owner);
    if (spec.statusPage.monitoredBy !== undefined && si < 0)
      out.push(locate(["statusPage", "monitoredBy"], "UnknownReference", `statusPage.monitoredBy "${spec.statusPage.monitoredBy}" is not a service id`, "name one of services[].id"));
    const clash = si < 0 ? -1 : spec.services[si].checks.findIndex((c) => c.id === STATUS_PAGE_CHECK_ID);
    if (clash >= 0)
      out.push(locate(["services", si, "checks", clash, "id"], "DuplicateId", `check id "${STATUS_PAGE_CHECK_ID}" is reserved on ${owner}: the status page's own health check uses it`, "rename this check, or set statusPage.monitoredBy to another service"));
  }

  // PromQL: parses, and ratio SLIs use {{window}} so each burn-rate window gets its own range.
  spec.services.forEach((svc, si) => {
    svc.slos.forEach((slo, li) => {
      for (const part of ["errors", "good", "total"] as const) {
        const q = slo.sli[part]?.prometheus;
        if (q === undefined) continue;
        const at: Path = ["services", si, "slos", li, "sli", part, "prometheus"];
        promql(at, q);
        if (!/\{\{\s*window\s*\}\}/.test(q)) out.push(locate(at, "MissingWindowPlaceholder", "a ratio SLI query needs {{window}} as its range", `write e.g. rate(metric[{{window}}]) so each burn-rate window gets its own range`));
      }
      if (slo.sli.latency?.prometheus) promql(["services", si, "slos", li, "sli", "latency", "prometheus"], slo.sli.latency.prometheus);
    });
    svc.alerts.forEach((a, ai) => a.query.prometheus && promql(["services", si, "alerts", ai, "query", "prometheus"], a.query.prometheus));
    svc.heartbeats.forEach((h, hi) => h.prometheus && promql(["services", si, "heartbeats", hi, "prometheus"], h.prometheus));
  });
  spec.dashboards.forEach((d, di) => d.panels.forEach((p, pi) => p.query.prometheus && promql(["dashboards", di, "panels", pi, "query", "prometheus"], p.query.prometheus)));
  function promql(at: Path, q: string) {
    const err = promqlSyntaxError(q);
    if (err) out.push(locate(at, "InvalidPromQL", `PromQL does not parse: ${err.message}`));
  }

  // ${vars.X} must be defined in every environment; ${env} is always defined.
  const envs = Object.entries(spec.environments);
  walkStrings(spec, [], (value, at) => {
    for (const m of value.matchAll(/\$\{([^}]*)\}/g)) {
      const ref = m[1].trim();
      if (ref === "env") continue;
      const v = /^vars\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(ref);
      if (!v) {
        out.push(locate(at, "UndefinedVariable", `unknown placeholder \${${ref}}`, "use ${env} or ${vars.NAME}"));
        continue;
      }
      const missing = envs.filter(([, e]) => !(v[1] in e.vars)).map(([n]) => n);
      if (missing.length) {
        const known = [...new Set(envs.flatMap(([, e]) => Object.keys(e.vars)))];
        const guess = didYouMean(v[1], known.filter((k) => k !== v[1]));
        out.push(locate(at, "UndefinedVariable", `\${vars.${v[1]}} is not defined for environment${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`, guess ? `did you mean \${vars.${guess}}?` : `add it under ${missing.map((n) => `environments.${n}.vars`).join(" and ")}`));
      }
    }
  });
  return out;
}

/** Every evidence kind a sign-off may name. */
export const EVIDENCE_KINDS = ["statusPage", "check", "slo", "heartbeat", "alert", "escalation", "schedule", "dashboard", "routing", "runbook", "external"] as const;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An http(s) URL, or a relative path inside the repository (no scheme, no spaces, not leaving it). */
function isExternalTarget(text: string): boolean {
  if (/^https?:\/\//i.test(text)) {
    try {
      return Boolean(new URL(text).host);
    } catch {
      return false;
    }
  }
  return /^[A-Za-z0-9._~\-/]+$/.test(text) && !text.startsWith("/") && !text.split("/").includes("..") && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(text);
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function formatAt(at: Path): string {
  return at.map((s) => (typeof s === "number" ? `[${s}]` : s)).join(".").replace(/\.\[/g, "[");
}

/** Calls `fn` for every string in the spec except environment definitions themselves. */
function walkStrings(value: unknown, path: Path, fn: (s: string, at: Path) => void): void {
  if (typeof value === "string") fn(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...path, i], fn));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if (path.length === 0 && k === "environments") continue;
      walkStrings(v, [...path, k], fn);
    }
}
