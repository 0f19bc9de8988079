/**
 * The Pulumi program with the `prometheus` backend, under pulumi.runtime.setMocks: the planned
 * custom resources are registered through the Kubernetes SDK's CustomResource, each under its
 * Kubernetes type (`kubernetes:<apiVersion>:<kind>`), with the plan's object, the plan's parent
 * and the Kubernetes provider the plan configures.
 */
import * as pulumi from "@pulumi/pulumi";
import { renderPlan } from "../../backends/render";
import { SECRET_KEYS, settingsFromConfig } from "../../plan/settings";
import type { Plan } from "../../plan/plan";
import { customResourceType } from "../../backends/prometheus";
import { PAGERDUTY_SECRET_TYPE } from "../../backends/prometheus/pagerdutySecret";
import { CUSTOM_RESOURCE_TYPE } from "../../plan/sdkTypes";
import { ReadinessStack } from "../../components/readinessStack";
import { loadModels } from "../../specification/loadModels";
import { exampleText } from "../support/example";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  provider?: string;
}

const registered: Registered[] = [];
/** Pulumi's marker on a serialised secret. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const parents = new Map<string, string>();

pulumi.runtime.setMocks(
  {
    newResource(args) {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider });
      const state: Record<string, unknown> = { ...args.inputs };
      if (args.type === "pagerduty:index/serviceIntegration:ServiceIntegration") state.integrationKey = `key-of-${args.name}`;
      return { id: `${args.type}::${args.name}#id`, state };
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

const CONFIG: Record<string, string> = {
  "readiness:prometheusNamespace": "observability",
  "readiness:prometheusLabels": "release=kube-prometheus-stack",
  "readiness:blackboxProberUrl": "blackbox.observability.svc:9115",
  "readiness:kubeContext": "prod-eu",
};

function prodModel() {
  const text = exampleText().replace("backends: [grafana, datadog, pagerduty, cloudflare]", "backends: [pagerduty, prometheus]");
  const loaded = loadModels(text, "readiness.yaml");
  if (!loaded.ok) throw new Error("the example with the prometheus backend does not load");
  return loaded.models.prod;
}

describe("the Pulumi program with the prometheus backend", () => {
  let plan: Plan;
  beforeAll(async () => {
    const model = prodModel();
    const settings = settingsFromConfig((k) => CONFIG[k]);
    const stack = new ReadinessStack(
      model.system.name,
      { model, settings, secret: (k) => (SECRET_KEYS.some((s) => s.key === k) ? pulumi.secret(`secret-of-${k}`) : undefined) },
      {
        transformations: [
          (a: pulumi.ResourceTransformationArgs) => {
            parents.set(`${a.type}::${a.name}`, (a.opts.parent as unknown as { __name?: string } | undefined)?.__name ?? "");
            return undefined;
          },
        ],
      },
    );
    await new Promise<void>((resolve) => stack.urn.apply(() => resolve()));
    plan = renderPlan(model, settings);
    await new Promise((r) => setTimeout(r, 500));
  });

  const operatorResources = () => plan.resources.filter((r) => r.type === CUSTOM_RESOURCE_TYPE);

  it("registers every planned Kubernetes resource, custom resources under their own Kubernetes types, and nothing else", () => {
    const kinds = new Set(operatorResources().map((r) => String(r.inputs.kind)));
    expect([...kinds].sort()).toEqual(["AlertmanagerConfig", "Probe", "PrometheusRule"]);
    const kubernetes = plan.resources.filter((r) => r.provider === "prometheus" && !r.type.startsWith("pulumi:providers:"));
    const want = kubernetes.map((r) => `${r.type === CUSTOM_RESOURCE_TYPE ? customResourceType(r.inputs) : r.type}::${r.name}`).sort();
    const got = registered.filter((r) => r.type.startsWith("kubernetes:")).map((r) => `${r.type}::${r.name}`).sort();
    expect(got).toEqual(want);
  });

  it("registers each with the plan's apiVersion, kind, metadata and spec", () => {
    for (const r of operatorResources()) {
      const reg = registered.find((x) => x.type === customResourceType(r.inputs) && x.name === r.name)!;
      const { apiVersion, kind, metadata, spec } = reg.inputs;
      expect({ name: r.name, apiVersion, kind, metadata, spec }).toEqual({ name: r.name, ...JSON.parse(JSON.stringify(r.inputs)) });
    }
  });

  it("writes each paging service's Alertmanager integration key into the PagerDuty Secret, as a Pulumi secret", () => {
    const planned = plan.resources.find((r) => r.type === PAGERDUTY_SECRET_TYPE)!;
    const reg = registered.find((r) => r.type === "kubernetes:core/v1:Secret" && r.name === planned.name)!;
    const stringData = JSON.parse(JSON.stringify(reg.inputs.stringData)) as Record<string, unknown>;
    expect(SECRET_SIG in stringData).toBe(true);
    const values = (stringData as { value: Record<string, string> }).value;
    const paged = Object.keys(planned.inputs.stringData as object);
    expect(paged).toContain("pagerduty-billing-api");
    expect(values).toEqual(Object.fromEntries(paged.map((k) => [k, `key-of-${k.slice("pagerduty-".length)}/prometheus`])));
    expect(reg.inputs.metadata).toEqual(planned.inputs.metadata);
  });

  it("creates them through the Kubernetes provider the plan configures, under the plan's components", () => {
    const provider = registered.find((r) => r.type === "pulumi:providers:kubernetes");
    expect(provider?.name).toBe("prometheus");
    expect(provider?.inputs).toMatchObject({ namespace: "observability", context: "prod-eu" });
    for (const r of operatorResources()) {
      const reg = registered.find((x) => x.type === customResourceType(r.inputs) && x.name === r.name)!;
      expect(reg.provider).toMatch(/pulumi:providers:kubernetes::prometheus::/);
      expect({ resource: r.name, parent: parents.get(`${customResourceType(r.inputs)}::${r.name}`) }).toEqual({ resource: r.name, parent: r.parent });
    }
  });
});
