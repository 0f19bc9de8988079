import { inputsOf } from "../support/inputs";
import { render } from "../../backends/cloudflare/index";
import { cloudflareHealthchecks, HEALTHCHECK_TYPE, NOTIFICATION_POLICY_TYPE } from "../../backends/cloudflare/healthchecks";
import type { PlanResource, PlanValue, RenderSettings } from "../../plan/plan";
import { budget, dur, makeCheck, makeModel, makeService } from "../support/model";

const withZone: RenderSettings = { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct", cloudflareZoneId: "zone-1" };
const noZone: RenderSettings = { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct" };
type Obj = { [key: string]: PlanValue };

describe("Cloudflare health checks", () => {
  it.each([
    { title: "an HTTPS GET with a body match", check: makeCheck({ url: "https://api.example.test/health?deep=1", expect: { status: 200, bodyContains: "ok", within: budget("2s") } }), type: "HTTPS", port: 443, path: "/health?deep=1", body: "ok", interval: 60, timeout: 2 },
    { title: "an HTTP HEAD every 15 minutes", check: makeCheck({ url: "http://web.example.test:8080/", method: "HEAD", every: dur("15m"), alertAfter: 2 }), type: "HTTP", port: 8080, path: "/", body: undefined, interval: 900, timeout: 10 },
  ])("probes $title with the spec's status, interval, timeout and failure count", ({ check, type, port, path, body, interval, timeout }) => {
    const [hc] = cloudflareHealthchecks(makeModel({ services: [makeService({ checks: [check] })] }), withZone);
    expect(hc.type).toBe(HEALTHCHECK_TYPE);
    expect(hc.inputs).toMatchObject({ zoneId: "zone-1", address: new URL(check.url).hostname, type, interval, timeout, consecutiveFails: check.alertAfter, retries: 0 });
    const http = inputsOf(hc).httpConfig as Obj;
    expect(http).toMatchObject({ method: check.method, port, path, expectedCodes: [String(check.expect.status)] });
    expect(http.expectedBody).toBe(body);
    expect(inputsOf(hc).name).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("creates no health checks when stack config names no zone", () => {
    expect(cloudflareHealthchecks(makeModel(), noZone)).toEqual([]);
  });

  it("leaves POST checks to Grafana and Datadog, since Cloudflare probes only with GET or HEAD", () => {
    const model = makeModel({ services: [makeService({ checks: [makeCheck({ id: "smoke", method: "POST" }), makeCheck()] })] });
    expect(cloudflareHealthchecks(model, withZone).filter((r) => r.type === HEALTHCHECK_TYPE).map((r) => r.name)).toEqual(["api/health"]);
  });

  it.each([
    { severity: "info" as const, emails: ["team@example.test"] },
    { severity: "page" as const, emails: undefined },
    { severity: "ticket" as const, emails: undefined },
  ])("sends a $severity check's failures to the email targets of its route, if it has any", ({ severity, emails }) => {
    const model = makeModel({ services: [makeService({ checks: [makeCheck({ severity, declaredSeverity: severity })] })] });
    const policy = cloudflareHealthchecks(model, withZone).find((r) => r.type === NOTIFICATION_POLICY_TYPE) as PlanResource | undefined;
    if (!emails) return expect(policy).toBeUndefined();
    expect(policy?.inputs).toMatchObject({ accountId: "acct", alertType: "health_check_status_notification", enabled: true });
    expect((inputsOf(policy).mechanisms as Obj).emails).toEqual(emails.map((id) => ({ id })));
    expect(((inputsOf(policy).filters as Obj).healthCheckIds as Obj[])[0]).toMatchObject({ resource: "api/health", type: HEALTHCHECK_TYPE, output: "id" });
  });
});

describe("Cloudflare render", () => {
  it("renders nothing when Cloudflare is not a backend of the environment", () => {
    expect(render(makeModel({ backends: ["grafana"] }), withZone)).toEqual({ components: [], lookups: [], resources: [] });
  });

  it("parents health checks on their service's component and declares it", () => {
    const f = render(makeModel(), withZone);
    const names = new Set(f.components.map((c) => c.name));
    for (const r of f.resources) expect(names.has(r.parent)).toBe(true);
    expect(f.resources.find((r) => r.type === HEALTHCHECK_TYPE)?.parent).toBe("api");
  });

  it("does not change when services are listed in another order", () => {
    const a = makeService({ id: "a", checks: [makeCheck({ serviceId: "a" })] });
    const b = makeService({ id: "b", checks: [makeCheck({ serviceId: "b", severity: "info", declaredSeverity: "info" })] });
    const key = (rs: PlanResource[]) => JSON.stringify([...rs].sort((x, y) => (`${x.type} ${x.name}` < `${y.type} ${y.name}` ? -1 : 1)));
    expect(key(cloudflareHealthchecks(makeModel({ services: [b, a] }), withZone))).toBe(key(cloudflareHealthchecks(makeModel({ services: [a, b] }), withZone)));
  });
});
