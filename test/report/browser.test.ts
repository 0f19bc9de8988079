/**
 * The launch report as a director sees it: headless Chromium lays the page out at 1280, 768 and
 * 390 px, and a script measures every table cell's contents (elements and text) against the cell's
 * box and the page's scroll width against the window. Nothing may spill out of its cell and the
 * page may not scroll sideways. Screenshots are kept under out/ (report-<width>.png) as artefacts.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CHROMIUM, chromium } from "../support/chromium";
import { computeReport } from "../../report/report";
import { renderHtml } from "../../report/format/html";
import { loadModels, formatDiagnostic } from "../../specification/loadModels";
import { fsIncludeReader } from "../../files/includeReader";
import { makeModel } from "../support/model";
import type { Model, Signoff } from "../../specification/model";

const ROOT = resolve(__dirname, "..", "..");
const OUT = join(ROOT, "out");
const WIDTHS = [1280, 768, 390];

/**
 * Runs in the page: every element and text run inside a table cell must lie within the cell's
 * box (a pixel of rounding allowed), and the document must be no wider than the window.
 */
const MEASURE = `
<script>
addEventListener("load", () => {
  const spills = [];
  const within = (r, cell) => r.width === 0 || (r.left >= cell.left - 1 && r.right <= cell.right + 1);
  for (const cell of document.querySelectorAll("td, th")) {
    const box = cell.getBoundingClientRect();
    const what = (cell.closest("table").id || "table") + " " + cell.cellIndex + ":" + cell.textContent.trim().slice(0, 40);
    for (const el of cell.querySelectorAll("*")) if (!within(el.getBoundingClientRect(), box)) spills.push(what + " <" + el.tagName.toLowerCase() + ">");
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let t = walk.nextNode(); t; t = walk.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(t);
      for (const r of range.getClientRects()) if (!within(r, box)) { spills.push(what + " text " + JSON.stringify(t.textContent.trim().slice(0, 30))); break; }
    }
    if (cell.scrollWidth > cell.clientWidth + 1) spills.push(what + " scrolls");
  }
  const result = { spills, cells: document.querySelectorAll("td, th").length, scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth };
  // A JSON script element: --dump-dom keeps it, and the screenshot of the same run does not show it.
  const out = document.createElement("script");
  out.type = "application/json";
  out.id = "measure";
  out.textContent = JSON.stringify(result).replace(/</g, "\\u003c");
  document.body.appendChild(out);
});
</script>`;

interface Measure {
  spills: string[];
  cells: number;
  scrollWidth: number;
  innerWidth: number;
}

async function measure(html: string, width: number, name: string): Promise<Measure> {
  const dir = mkdtempSync(join(tmpdir(), "readiness-report-"));
  try {
    const probe = join(dir, "report.html");
    writeFileSync(probe, html.replace("</body>", `${MEASURE}\n</body>`));
    mkdirSync(OUT, { recursive: true });
    // One browser run takes the screenshot and dumps the measured DOM (a launch is ~2 s of CPU).
    const dom = await chromium([`--window-size=${width},900`, `--screenshot=${join(OUT, `report-${name}-${width}.png`)}`, "--virtual-time-budget=2000", "--dump-dom", `file://${probe}`]);
    const m = /<script type="application\/json" id="measure">([\s\S]*?)<\/script>/.exec(dom);
    if (!m) throw new Error(`no measurement in the page at ${width}px`);
    return JSON.parse(m[1]) as Measure;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function exampleReport(): string {
  const file = join("examples", "subscription-billing", "readiness.yaml");
  const r = loadModels(readFileSync(join(ROOT, file), "utf8"), file, fsIncludeReader);
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return renderHtml(computeReport(r.models.prod as Model, "2026-11-24"));
}

/** Long unbroken values where they hurt most: an owner's email, an id, a link, a title. */
function hostileReport(): string {
  const signoff = (i: number, over: Partial<Signoff> = {}): Signoff => ({
    id: `security-review-of-the-payment-tokenisation-service-${i}`,
    title: `Penetration test of the tokenisation vault and its key-rotation runbook ${i}`,
    gate: "ga-blocking",
    phase: i % 2 ? "pre-launch" : "launch",
    owner: { email: "a.very.long.mailbox.name.for.the.owner@payments-infrastructure.example.test", name: "Maximiliane Oberhauser-Vandenberghe" },
    approvers: [{ email: "security-approvals-distribution-list@payments-infrastructure.example.test" }],
    links: ["https://tickets.example.test/browse/SECURITY-123456789/attachments/penetration-test-report-final-v2.pdf"],
    due: "2026-11-01",
    evidence: [],
    ...over,
  } as unknown as Signoff);
  const model = makeModel({ phases: ["pre-launch", "launch"], signoffs: [1, 2, 3, 4].map((i) => signoff(i)) } as Partial<Model>);
  return renderHtml(computeReport(model, "2026-11-24"));
}

describe("the launch report in a browser", () => {
  beforeAll(() => {
    expect(existsSync(CHROMIUM)).toBe(true); // fail, not skip: CI must have Chromium (Debian package `chromium`)
  });

  describe.each([
    ["example", exampleReport],
    ["long-values", hostileReport],
  ] as const)("%s", (name, html) => {
    test.each(WIDTHS)("at %i px nothing spills out of its cell and the page does not scroll sideways", async (width) => {
      const m = await measure(html(), width, name);
      expect(m.cells).toBeGreaterThan(0);
      expect(m.spills).toEqual([]);
      expect(m.scrollWidth).toBeLessThanOrEqual(m.innerWidth);
    }, 120_000);
  });
});
