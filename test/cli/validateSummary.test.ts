/**
 * `readiness validate`'s summary says who a page can wake, counting every high-urgency route:
 * the defaults and a service's or an alert's own route, since overrides page people too.
 */
import { summarize } from "../../cli/validate";
import { loadRoutingSpec, routingSpecText } from "../support/routingSpec";

const models = (billingRouting: string, fraudEscalation = "primary") => {
  const loaded = loadRoutingSpec(routingSpecText({ billingRouting }).replace("route: { escalation: primary,", `route: { escalation: ${fraudEscalation},`));
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join("\n"));
  return loaded.models;
};

test("a service's own high-urgency route adds the people it reaches", () => {
  const { prod } = models(`      page: { escalation: payments }\n      info: { escalation: payments, urgency: high }`, "payments");
  expect(summarize(prod)).toMatch(/pages reach Ana, Bob$/m);
});

test("a service pages through one escalation: a second one its info route names is never reached", () => {
  // billing's page falls back to the default (primary), so its one PagerDuty service uses primary;
  // an info incident opens there too, and payments' Bob is never called.
  const { prod } = models(`      ticket: { slack: "#billing-team" }\n      info: { escalation: payments, urgency: high }`);
  expect(summarize(prod)).toMatch(/pages reach Ana$/m);
});

test("a low-urgency override wakes nobody, and paging: false pages nobody", () => {
  const { prod, staging } = models(`      ticket: { slack: "#billing-team" }\n      info: { escalation: payments, urgency: low }`);
  expect(summarize(prod)).toMatch(/pages reach Ana$/m);
  expect(summarize(prod)).not.toContain("Bob");
  expect(summarize(staging)).toContain("nobody is paged (paging: false");
});

test("the status page's own health check is counted and said to be automatic", () => {
  const { prod } = models(`      ticket: { slack: "#billing-team" }`);
  expect(summarize(prod)).not.toContain("automatic");
  const withPage = loadRoutingSpec(
    routingSpecText().replace("  - id: search\n    name: Search\n    tier: standard", "  - id: search\n    name: Search\n    tier: standard\n    statusPage: { component: Search, group: Public, decidedBy: alerts }") +
      "statusPage:\n  title: Shop status\n  hostname: status.acme.test\n",
  );
  if (!withPage.ok) throw new Error(withPage.diagnostics.map((d) => d.message).join("\n"));
  expect(summarize(withPage.models.prod)).toContain("1 check (1 automatic: the status page's own /health check on search)");
});
