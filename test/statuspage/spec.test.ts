/** The status page's part of the spec: probe timeouts that fit, components without an HTTP endpoint, the dead man's switch. */
import { formatDiagnostic, loadModels } from "../../specification/loadModels";
import { exampleText } from "../support/example";

function load(text: string) {
  const r = loadModels(text, "readiness.yaml");
  return r.ok ? { ok: true as const, models: r.models } : { ok: false as const, errors: r.diagnostics.map(formatDiagnostic) };
}

const withChargeRunOnPage = (extra = "") =>
  exampleText().replace("    runbook: charge-failures.md\n", `    runbook: charge-failures.md\n    statusPage: { component: Nightly charges, group: Back office${extra} }\n`);

describe("the status page in the spec", () => {
  it("rejects a probe timeout that does not fit in the probe interval, located at the check's within", () => {
    const r = load(exampleText().replace("  probeEvery: 1m", "  probeEvery: 2s"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const error = r.errors.find((e) => e.includes("does not fit in probeEvery"));
    expect(error).toMatch(/^readiness\.yaml:114:\d+ .*services\[0\]\.checks\[\d\]\.expect\.within: status page probe of "billing-api" may take 2s, which does not fit in probeEvery 2s/);
  });

  it("accepts probe timeouts (2s and 10s in the example) shorter than the interval", () => {
    expect(load(exampleText().replace("  probeEvery: 1m", "  probeEvery: 11s")).ok).toBe(true);
  });

  it("puts a service with no HTTP endpoint on the page when it says decidedBy: alerts", () => {
    const r = load(withChargeRunOnPage(", decidedBy: alerts"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.models.prod.statusPage!.components.find((x) => x.id === "charge-run");
    expect(c).toMatchObject({ name: "Nightly charges", group: "Back office", decidedBy: "alerts" });
    expect(c?.probe).toBeUndefined();
    expect(r.models.prod.statusPage!.components.find((x) => x.id === "billing-api")?.decidedBy).toBe("probes");
  });

  it.each([
    ["", /services\[1\]\.statusPage: service "charge-run" is on the status page but has nothing to probe/],
    [", decidedBy: probes", /services\[1\]\.statusPage\.decidedBy: service "charge-run" is on the status page but has nothing to probe/],
    [", decidedBy: both", /services\[1\]\.statusPage\.decidedBy: service "charge-run"/],
  ])("refuses a service with nothing to probe%s unless it says decidedBy: alerts", (extra, message) => {
    const r = load(withChargeRunOnPage(extra));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join("\n")).toMatch(message);
  });

  it("defaults the dead man's switch to 10 minutes and reads a set one", () => {
    const r = load(exampleText());
    expect(r.ok && r.models.prod.statusPage!.deadMansSwitch?.after.seconds).toBe(600);
    const set = load(exampleText().replace("  historyDays: 90\n", "  historyDays: 90\n  deadMansSwitch: { after: 15m }\n"));
    expect(set.ok && set.models.prod.statusPage!.deadMansSwitch?.after.seconds).toBe(900);
  });
});
