/** The Worker bundle, the CLI's output directory and the preview page. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { Miniflare } from "miniflare";
import { buildWorkerScript, writeStatusPageBundle } from "../../statuspage/build";
import { renderPreviewHtml } from "../../statuspage/preview";
import { register } from "../../cli/statuspage";
import { exampleModel, EXAMPLE_FILE } from "../support/example";
import { component, statusPage } from "./harness";
import { COMPATIBILITY_DATE, cronForInterval } from "../../statuspage/deployment";

const page = statusPage([component("api", "API", "Merchant-facing", "https://api.example.test/health")]);

describe("the Worker bundle", () => {
  it("is one ES module with no imports, the components embedded, and the same bytes every time", () => {
    const script = buildWorkerScript(page, "prod");
    expect(script).toBe(buildWorkerScript(page, "prod"));
    expect(script).not.toMatch(/^\s*import\s|require\(|from\s*"\.\.?\//m);
    expect(script).toMatch(/export\s*\{[^}]*as default/);
    expect(script).toContain("https://api.example.test/health");
    expect(script).not.toContain(process.cwd());
    expect(script.length).toBeLessThan(100_000);
  });

  it("changes when a component changes", () => {
    const other = statusPage([component("api", "API", "Merchant-facing", "https://api.example.test/healthz")]);
    expect(buildWorkerScript(other, "prod")).not.toBe(buildWorkerScript(page, "prod"));
  });
});

describe("readiness statuspage build", () => {
  it("writes worker.js, a wrangler.json naming every binding, and a README for the example's prod environment", async () => {
    const out = mkdtempSync(join(tmpdir(), "statuspage-"));
    try {
      const program = new Command().exitOverride();
      register(program);
      const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
      await program.parseAsync(["node", "readiness", "statuspage", "build", "--env", "prod", "--out", out, "--file", EXAMPLE_FILE]);
      write.mockRestore();
      const model = exampleModel("prod");
      expect(readFileSync(join(out, "worker.js"), "utf8")).toBe(buildWorkerScript(model.statusPage!, "prod", { paging: model.paging, backends: model.backends }));
      const wrangler = JSON.parse(readFileSync(join(out, "wrangler.json"), "utf8"));
      expect(wrangler).toEqual({
        name: "billing-platform-status-prod",
        main: "worker.js",
        compatibility_date: COMPATIBILITY_DATE,
        kv_namespaces: [{ binding: "STATUS_KV", id: "billing-platform-status-prod-kv" }],
        durable_objects: { bindings: [{ name: "STATUS_STATE", class_name: "StatusPageState" }] },
        migrations: [{ tag: "v1", new_sqlite_classes: ["StatusPageState"] }],
        triggers: { crons: [cronForInterval(model.statusPage!.probeEvery.seconds)] },
        routes: [{ pattern: "status.acme.test", custom_domain: true }],
        secrets: { required: ["ADMIN_TOKEN", "WATCHDOG_TOKEN", "PAGERDUTY_ROUTING_KEY"] },
      });
      // The bundle exports exactly the class wrangler.json names, beside the default export.
      expect(readFileSync(join(out, "worker.js"), "utf8")).toMatch(/export\s*\{[^}]*as StatusPageState/);
      const readme = readFileSync(join(out, "README.md"), "utf8");
      expect(readme).toContain("`STATUS_KV`");
      expect(readme).toContain("`ADMIN_TOKEN`");
      expect(readme).toContain("status.acme.test");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("writes the same files through writeStatusPageBundle", () => {
    const out = mkdtempSync(join(tmpdir(), "statuspage-"));
    try {
      expect(writeStatusPageBundle(page, "staging", out)).toEqual([join(out, "worker.js"), join(out, "wrangler.json"), join(out, "README.md")]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("the preview page", () => {
  const now = new Date("2025-03-10T12:34:56Z");

  it("is deterministic and shows the example's components with sample history and a past incident", () => {
    const model = exampleModel("prod");
    const html = renderPreviewHtml(model.statusPage!, now);
    expect(renderPreviewHtml(model.statusPage!, now)).toBe(html);
    expect(html).toContain("<title>Acme Billing status</title>");
    for (const c of model.statusPage!.components) expect(html).toContain(`<span class="name">${c.name}</span>`);
    expect(html.match(/class="bar /g)).toHaveLength(model.statusPage!.historyDays * model.statusPage!.components.length);
    expect(html).toContain("Past incidents");
    // Sample data says so where a reader looks: in the incident's own title, not only in a badge.
    expect(html).toMatch(/<h3>SAMPLE INCIDENT \(preview data, not real\): elevated errors on /);
    expect(html).toContain("Last probe <time datetime=\"2025-03-10T12:34:00.000Z\">2025-03-10 12:34 UTC</time>");
  });
});

describe("wrangler.json", () => {
  it("names the bindings worker.js needs: miniflare configured from it alone serves the page and takes an incident", async () => {
    const out = mkdtempSync(join(tmpdir(), "statuspage-"));
    const model = exampleModel("prod");
    writeStatusPageBundle(model.statusPage!, "prod", out, { paging: model.paging, backends: model.backends, scriptName: "status-prod" });
    const w = JSON.parse(readFileSync(join(out, "wrangler.json"), "utf8")) as {
      main: string;
      compatibility_date: string;
      kv_namespaces: { binding: string }[];
      durable_objects: { bindings: { name: string; class_name: string }[] };
      migrations: { new_sqlite_classes: string[] }[];
      secrets: { required: string[] };
    };
    const sqliteClasses = new Set(w.migrations.flatMap((m) => m.new_sqlite_classes));
    const mf = new Miniflare({
      modules: true,
      script: readFileSync(join(out, w.main), "utf8"),
      scriptPath: w.main,
      compatibilityDate: w.compatibility_date,
      kvNamespaces: w.kv_namespaces.map((k) => k.binding),
      durableObjects: Object.fromEntries(w.durable_objects.bindings.map((b) => [b.name, { className: b.class_name, useSQLite: sqliteClasses.has(b.class_name) }])),
      bindings: Object.fromEntries(w.secrets.required.map((name) => [name, `value-of-${name}`])),
    });
    try {
      expect((await mf.dispatchFetch("https://status.acme.test/")).status).toBe(200);
      const posted = await mf.dispatchFetch("https://status.acme.test/api/incidents", {
        method: "POST",
        headers: { Authorization: "Bearer value-of-ADMIN_TOKEN" },
        body: JSON.stringify({ title: "t", status: "investigating", body: "b", components: [] }),
      });
      expect(posted.status).toBe(201);
      const watchdog = await mf.dispatchFetch("https://status.acme.test/api/watchdog/grafana", { method: "POST", headers: { Authorization: "Bearer value-of-WATCHDOG_TOKEN" }, body: "{}" });
      expect(watchdog.status).toBe(202);
    } finally {
      await mf.dispose();
      rmSync(out, { recursive: true, force: true });
    }
  });
});
