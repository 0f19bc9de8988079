/** The Worker bundle, the CLI's output directory and the preview page. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { buildWorkerScript, writeStatusPageBundle } from "../../statuspage/build";
import { renderPreviewHtml } from "../../statuspage/preview";
import { register } from "../../cli/statuspage";
import { exampleModel, EXAMPLE_FILE } from "../support/example";
import { component, statusPage } from "./harness";

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
  it("writes worker.js and a README naming the bindings for the example's prod environment", async () => {
    const out = mkdtempSync(join(tmpdir(), "statuspage-"));
    try {
      const program = new Command().exitOverride();
      register(program);
      const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
      await program.parseAsync(["node", "readiness", "statuspage", "build", "--env", "prod", "--out", out, "--file", EXAMPLE_FILE]);
      write.mockRestore();
      const model = exampleModel("prod");
      expect(readFileSync(join(out, "worker.js"), "utf8")).toBe(buildWorkerScript(model.statusPage!, "prod"));
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
      expect(writeStatusPageBundle(page, "staging", out)).toEqual([join(out, "worker.js"), join(out, "README.md")]);
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
    expect(html).toContain("Last probe <time datetime=\"2025-03-10T12:34:00.000Z\">2025-03-10 12:34 UTC</time>");
  });
});
