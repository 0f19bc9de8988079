/**
 * Prometheus rule groups as Grafana-managed rule groups, so a team on Grafana gets exactly the
 * recording and alert rules a team on Prometheus gets from `readiness export prometheus`.
 *
 * Each alert rule is query A (the PromQL, instant) and condition B, a math expression that is 1 for
 * every series A returns. That is Prometheus's own semantics: an alert expression fires for each
 * series it yields, whatever the value (`probe_success == 0` yields 0 and must still fire), so
 * the comparison stays in the PromQL and Grafana adds no threshold of its own.
 */
import type { Model } from "../../specification/model";
import type { ElementOf, InputOf, PlanResource, RenderSettings } from "../../plan/plan";
import type { PromRule, PromRuleGroup } from "../../rules/rule";
import { parseDuration } from "../../specification/duration";
import { routingComponent, serviceComponent } from "../../plan/components";
import { logicalName } from "../../plan/naming";
import { folderUidRef } from "./folder";
import { grafanaUid } from "./uid";

export const RULE_GROUP_TYPE = "grafana:alerting/ruleGroup:RuleGroup";

/** One rule of a group, as the SDK's `RuleGroupRule`. */
type Rule = ElementOf<InputOf<typeof RULE_GROUP_TYPE, "rules">>;
/** One query or expression of a rule, as the SDK's `RuleGroupRuleData`. */
type RuleData = ElementOf<Rule["datas"]>;

/** Grafana's uid for server-side expressions. */
const EXPRESSION_DATASOURCE = "__expr__";

/**
 * No series means "not firing" in Prometheus, and most rule expressions filter with a comparison,
 * so Grafana's default NoData state would raise a DatasourceNoData alert for every healthy rule.
 */
export const NO_DATA_STATE = "OK";

/**
 * A rule that cannot be evaluated cannot page either; `Error` raises a DatasourceError alert that
 * carries the rule's labels, so it reaches the same owners instead of hiding an outage.
 */
export const EXEC_ERR_STATE = "Error";

/**
 * How far back query A looks. The PromQL carries its own range windows, so this only bounds what
 * Grafana fetches for an instant query.
 */
const RELATIVE_FROM_SECONDS = 600;

function sortedRecord(rec: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(rec ?? {}).sort()) out[key] = (rec ?? {})[key];
  return out;
}

/**
 * Query A. `intervalMs` and `maxDataPoints` are the values Grafana writes back when they are
 * missing; stating them keeps the provider from reporting a change on every run.
 */
function promQuery(expr: string, datasourceUid: string): RuleData {
  // JSON.stringify({ datasource: { type: "prometheus", uid }, expr, instant: true, intervalMs: 1000, maxDataPoints: 43200, range: false, refId: "A" }),
  // spelled out: only `expr` differs between the tens of thousands of rules of a large spec.
  const model = `{"datasource":${JSON.stringify({ type: "prometheus", uid: datasourceUid })},"expr":${JSON.stringify(expr)},"instant":true,"intervalMs":1000,"maxDataPoints":43200,"range":false,"refId":"A"}`;
  return { refId: "A", datasourceUid, queryType: "", relativeTimeRange: { from: RELATIVE_FROM_SECONDS, to: 0 }, model };
}

/** Condition B's model: the same for every rule, so serialized once (tens of thousands of rules at 1,000 services). */
const EVERY_SERIES_FIRES_MODEL = JSON.stringify({ datasource: { type: "__expr__", uid: EXPRESSION_DATASOURCE }, expression: "is_number($A) || is_nan($A) || is_inf($A)", intervalMs: 1000, maxDataPoints: 43200, refId: "B", type: "math" });

/** Condition B: 1 for every series of A, whatever its value (NaN and ±Inf included). */
function everySeriesFires(): RuleData {
  return { refId: "B", datasourceUid: EXPRESSION_DATASOURCE, queryType: "", relativeTimeRange: { from: 0, to: 0 }, model: EVERY_SERIES_FIRES_MODEL };
}

/**
 * One Prometheus rule as a Grafana rule (recording rules through the `record` block, Grafana 11.2+).
 *
 * The uid comes from the environment, the group, the rule's name and its identity labels only
 * (`ruleIdentity`), never from what a team tunes (severity, objective, summary): a rule whose uid
 * changes is deleted and created in its group, losing its state and pending timers. Uids are
 * unique per Grafana org, which environments may share, hence the environment.
 */
export function grafanaRule(group: PromRuleGroup, rule: PromRule, settings: RenderSettings, environment: string): Rule {
  if ("record" in rule) {
    const identity = ruleIdentity(rule.labels);
    return {
      // Grafana before its rule-title index migration keeps a unique index on (org, folder, title),
      // and every SLO records the same metric names: the title says whose recording it is.
      name: identity ? `${rule.record} ${group.service}/${identity}` : rule.record,
      uid: grafanaUid("r", environment, group.name, rule.record, identity),
      datas: [promQuery(rule.expr, settings.grafanaDatasourceUid)],
      labels: sortedRecord(rule.labels),
      // Written back to the data source the rules read, so Grafana and Prometheus users query the same series.
      record: { metric: rule.record, from: "A", targetDatasourceUid: settings.grafanaDatasourceUid },
    };
  }
  const out: Rule = {
    name: rule.alert,
    uid: grafanaUid("a", environment, group.name, rule.alert, ruleIdentity(rule.labels)),
    condition: "B",
    datas: [promQuery(rule.expr, settings.grafanaDatasourceUid), everySeriesFires()],
    labels: sortedRecord(rule.labels),
    annotations: sortedRecord(rule.annotations),
    noDataState: NO_DATA_STATE,
    execErrState: EXEC_ERR_STATE,
  };
  if (rule.for !== undefined) out.for = rule.for;
  return out;
}

/** Labels holding the spec id a rule watches; the rest (severity, objective, window) are tuned values. */
const IDENTITY_LABELS = ["slo", "alert", "check", "heartbeat"] as const;

/**
 * What tells rules of one group with the same name apart (recording rules of each SLO): the spec
 * ids in their labels, joined with `/`.
 */
function ruleIdentity(labels: Record<string, string> | undefined): string {
  return IDENTITY_LABELS.map((k) => labels?.[k])
    .filter((v): v is string => v !== undefined && v !== "")
    .join("/");
}

/** Evaluation interval of a group: its own, else the model's scrape interval. */
export function intervalSeconds(group: PromRuleGroup, model: Pick<Model, "scrapeInterval">): number {
  const parsed = group.interval ? parseDuration(group.interval) : undefined;
  return parsed ? parsed.seconds : model.scrapeInterval.seconds;
}

/** Logical name of a rule group resource. */
export function ruleGroupName(group: PromRuleGroup): string {
  return logicalName(group.service, group.name);
}

/** A Grafana rule group per Prometheus rule group, in the system's folder, parented on its service. */
export function grafanaRuleGroups(model: Model, groups: PromRuleGroup[], settings: RenderSettings): PlanResource[] {
  return groups.map((group) => ({
    type: RULE_GROUP_TYPE,
    name: ruleGroupName(group),
    // The watchdog belongs to no service; it lives with the routing that takes it to the switch.
    parent: group.service ? serviceComponent(model, group.service).name : routingComponent(model).name,
    provider: "grafana" as const,
    inputs: {
      name: group.name,
      folderUid: folderUidRef(model),
      intervalSeconds: intervalSeconds(group, model),
      rules: group.rules.map((rule) => grafanaRule(group, rule, settings, model.environment)),
    },
  }));
}
