/**
 * Where a rendered routing tree delivers an alert with given labels. Grafana's notification policy
 * and Alertmanager's route tree work alike: children are tried in order, a matching child is
 * descended into, one that does not `continue` stops the search, and a node none of whose children
 * match delivers to its own receiver (inherited from its parent when it names none). Each backend
 * builds the tree from what it rendered (backends/<provider>/delivery.ts); the audit lists the result.
 */

/** Where an alert is delivered and who it can wake there. */
export interface Delivery {
  /**
   * `escalation:<id>`, `slack:#chan`, `email:<addr>`, `webhook:https://host/[redacted]`,
   * `status-page:<url>` for the status page's alert webhook, which shows state and reaches no one,
   * or `dead-mans-switch:<url>` for the watchdog.
   */
  routes: string[];
  /** Person ids: those a high-urgency PagerDuty incident reaches. */
  wakes: string[];
}

/** One node of a routing tree with receivers of type `R`. */
export interface TreeNode<R> {
  matches: (labels: Record<string, string>) => boolean;
  receiver?: R;
  continue: boolean;
  children: TreeNode<R>[];
}

/** The receivers an alert with `labels` reaches from `node`. */
export function deliver<R>(node: TreeNode<R>, labels: Record<string, string>, inherited: R | undefined): R[] {
  const own = node.receiver ?? inherited;
  const out: R[] = [];
  for (const child of node.children) {
    if (!child.matches(labels)) continue;
    out.push(...deliver(child, labels, own));
    if (!child.continue) break;
  }
  return out.length ? out : own === undefined ? [] : [own];
}

/** The deliveries of several receivers as one: routes in order without repeats, wakes sorted. */
export function mergeDeliveries(ds: Delivery[]): Delivery {
  return { routes: [...new Set(ds.flatMap((d) => d.routes))], wakes: [...new Set(ds.flatMap((d) => d.wakes))].sort() };
}

/** One label matcher (`=`, `!=`, `=~`, `!~`; regexes anchored as Alertmanager anchors them). */
export interface LabelMatcher {
  label: string;
  op: string;
  value: string;
}

/** Whether an alert's labels satisfy every matcher (a missing label reads as empty). */
export function matchesAll(matchers: readonly LabelMatcher[], labels: Record<string, string>): boolean {
  return matchers.every((m) => test(m.op, labels[m.label] ?? "", m.value));
}

function test(op: string, actual: string, value: string): boolean {
  switch (op) {
    case "=":
      return actual === value;
    case "!=":
      return actual !== value;
    case "=~":
      return new RegExp(`^(?:${value})$`).test(actual);
    case "!~":
      return !new RegExp(`^(?:${value})$`).test(actual);
    default:
      return false;
  }
}

/** An Alertmanager matcher string (`severity=~"page|ticket"`); an unreadable one matches nothing. */
export function parseMatcher(text: string): LabelMatcher {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(.*)$/.exec(text.trim());
  if (!m) return { label: "", op: "?", value: "" };
  const raw = m[3];
  let value = raw;
  if (raw.startsWith('"')) {
    try {
      value = JSON.parse(raw) as string;
    } catch {
      value = raw.slice(1, -1);
    }
  }
  return { label: m[1], op: m[2], value };
}
