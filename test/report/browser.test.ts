/**
 * The launch report as a director sees it: headless Chromium lays the page out at 1280, 768 and
 * 390 px, and a script measures every table cell's contents (elements and text) against the cell's
 * box and the page's scroll width against the window. Nothing may spill out of its cell and the
 * page may not scroll sideways.
 *
 * Every report at every width is one frame of a single page, so one browser run lays them all out
 * (a Chromium launch costs about 3.7 s of CPU on two cores; twelve took most of this suite). A frame
 * is its own viewport: the report's media queries, its width and its scroll width are the frame's,
 * as they would be a window's. That run's screenshot (every frame side by side) is kept under
 * out/report-widths.png as an artefact.
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
  parent.postMessage({ frame: frameElement ? frameElement.id : "", result }, "*");
});
</script>`;

/** The page holding the frames: it collects each frame's measurement into a JSON script element,
 * which --dump-dom keeps and the screenshot does not show. */
const COLLECT = (frames: number) => `
<script>
const results = {};
addEventListener("message", (e) => {
  results[e.data.frame] = e.data.result;
  if (Object.keys(results).length !== ${frames}) return;
  const out = document.createElement("script");
  out.type = "application/json";
  out.id = "measure";
  out.textContent = JSON.stringify(results).replace(/</g, "\\u003c");
  document.body.appendChild(out);
});
</script>`;

interface Measure {
  spills: string[];
  cells: number;
  scrollWidth: number;
  innerWidth: number;
}

/** Attribute-value escaping for a frame's srcdoc. */
const attribute = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

/**
 * Lays out every report at every width in one browser run: a frame per pair, in rows of WIDTHS.
 * The measurements by frame id (`<name>-<width>`).
 */
async function measureAll(reports: Record<string, string>): Promise<Record<string, Measure>> {
  const dir = mkdtempSync(join(tmpdir(), "readiness-report-"));
  try {
    const frames = Object.entries(reports).flatMap(([name, html]) =>
      WIDTHS.map((width) => `<iframe id="${name}-${width}" style="width:${width}px;height:900px;border:0;display:block" srcdoc="${attribute(html.replace("</body>", `${MEASURE}\n</body>`))}"></iframe>`),
    );
    const page = join(dir, "widths.html");
    const rowWidth = WIDTHS.reduce((a, b) => a + b, 0);
    writeFileSync(page, `<!doctype html><html><head>${COLLECT(frames.length)}<style>body{margin:0;display:grid;grid-template-columns:${WIDTHS.map((w) => `${w}px`).join(" ")}}</style></head><body>${frames.join("")}</body></html>`);
    mkdirSync(OUT, { recursive: true });
    const dom = await chromium([`--window-size=${rowWidth},${900 * Object.keys(reports).length}`, `--screenshot=${join(OUT, "report-widths.png")}`, "--virtual-time-budget=5000", "--dump-dom", `file://${page}`]);
    const m = /<script type="application\/json" id="measure">([\s\S]*?)<\/script>/.exec(dom);
    if (!m) throw new Error("no measurement in the page: a frame did not report");
    return JSON.parse(m[1]) as Record<string, Measure>;
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
  let measured: Promise<Record<string, Measure>> | undefined;
  const measurement = async (name: string, width: number) => (await (measured ??= measureAll({ example: exampleReport(), "long-values": hostileReport() })))[`${name}-${width}`];

  beforeAll(() => {
    expect(existsSync(CHROMIUM)).toBe(true); // fail, not skip: CI must have Chromium (Debian package `chromium`)
  });

  describe.each(["example", "long-values"])("%s", (name) => {
    test.each(WIDTHS)("at %i px nothing spills out of its cell and the page does not scroll sideways", async (width) => {
      const m = await measurement(name, width);
      expect(m.innerWidth).toBe(width);
      expect(m.cells).toBeGreaterThan(0);
      expect(m.spills).toEqual([]);
      expect(m.scrollWidth).toBeLessThanOrEqual(m.innerWidth);
    }, 120_000);
  });
});
