/**
 * A route's webhook URL reaches the providers as a Pulumi secret: the Grafana webhook contact point
 * and the Datadog webhook are registered with the URL wrapped as a secret, so it is encrypted in
 * state and masked in `pulumi preview`, yet it is the full URL the provider receives.
 */
import * as pulumi from "@pulumi/pulumi";
import { settingsFromConfig } from "../../plan/settings";
import { ReadinessStack } from "../../components/readinessStack";
import { HOOK, routingModel } from "../support/routingSpec";

const registered: { type: string; name: string; inputs: Record<string, unknown> }[] = [];

pulumi.runtime.setMocks(
  {
    newResource(args) {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      return { id: `${args.name}-id`, state: { ...args.inputs, integrationKey: "key", name: args.inputs.name ?? args.name } };
    },
    call(args) {
      if (args.token === "pagerduty:index/getUser:getUser") return { id: `user-${String(args.inputs.email)}`, email: args.inputs.email, name: "x" };
      return args.inputs;
    },
  },
  "readiness",
  "prod",
  false,
);

/** Pulumi's marker on a serialised secret. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const serialised = (v: unknown) => JSON.parse(JSON.stringify(v ?? null)) as Record<string, unknown>;

describe("a route webhook in the Pulumi program", () => {
  beforeAll(async () => {
    const model = routingModel("prod");
    const settings = settingsFromConfig((k: string) => ({ "grafana:url": "https://grafana.example.test/", "readiness:grafanaDatasourceUid": "prom" })[k]);
    const stack = new ReadinessStack(model.system.name, { model, settings, secret: (k) => pulumi.secret(`secret-${k}`) });
    await new Promise<void>((resolve) => stack.urn.apply(() => resolve()));
    await new Promise((r) => setTimeout(r, 500));
  });

  it("registers the Datadog webhook's URL as a secret holding the full URL", () => {
    const hook = registered.find((r) => r.type === "datadog:index/webhook:Webhook" && r.name.startsWith("shop-prod-webhook-hooks-acme-test-"));
    const url = serialised(hook?.inputs.url);
    expect(SECRET_SIG in url).toBe(true);
    expect(url.value).toBe(HOOK);
  });

  it("registers the Grafana webhook contact point's URL as a secret holding the full URL", () => {
    const cp = registered.find((r) => r.type === "grafana:alerting/contactPoint:ContactPoint" && r.name.startsWith("webhook-hooks-acme-test-"));
    const text = JSON.stringify(cp?.inputs.webhooks);
    expect(text).toContain(SECRET_SIG);
    expect(text).toContain(HOOK);
  });
});
