/**
 * `readiness compliance` against Debian's real Prometheus over a backfilled history
 * (complianceHistory.ts: minute samples, outages at known minutes, on-call zone Europe/Berlin).
 * Every expected figure is worked out by hand below from that traffic; alert time is checked to
 * within one evaluation step (the report states its step), since the alert rules are evaluated on
 * a grid. The HTML is parsed and laid out by headless Chromium at 390 px.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInProcess } from "../support/cli";
import { freePort, recordingServer } from "../support/liveHarness";
import { chromium } from "../support/chromium";
import { startBackfilledPrometheus, type BackfilledPrometheus } from "./server";
import { complianceHistory, SEARCH_PER_MINUTE, SHOP_PER_MINUTE } from "./complianceHistory";
import type { ComplianceReport, SloCompliance } from "../../live/compliance";
import { formatCompliance } from "../../live/complianceFormat";

jest.setTimeout(60_000);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const run = (args: string[]) => runInProcess([require("../../cli/compliance")], args);

/** Spec text that must reach the page as text: markup in a service name and an SLO description. */
const SHOP_NAME = "Shop <b>& Checkout</b>";
const SHOP_DESCRIPTION = "Orders <script>alert(1)</script> succeed";

const SPEC = `apiVersion: readiness/v1
system: { name: compliance-shop, runbookBase: "https://runbooks.test/" }
environments:
  prod: { backends: [prometheus, pagerduty], paging: true, scrapeInterval: 1m }
routing:
  page: { escalation: oncall }
  ticket: { slack: "#shop-alerts" }
  info: { slack: "#shop-alerts" }
oncall:
  timezone: Europe/Berlin
  people:
    - { id: ana, name: Ana, email: ana@shop.test }
  schedules:
    - { id: primary, rotation: weekly, handoff: "monday 09:00", members: [ana] }
  escalations:
    - id: oncall
      levels:
        - { notify: [schedule:primary] }
services:
  - id: shop
    name: "${SHOP_NAME}"
    tier: critical
    runbook: shop.md
    slos:
      - id: availability
        description: "${SHOP_DESCRIPTION}"
        objective: 99.9
        window: month
        sli:
          errors: { prometheus: 'sum(rate(shop_requests_total{code="500"}[{{window}}]))' }
          total: { prometheus: 'sum(rate(shop_requests_total[{{window}}]))' }
  - id: search
    name: Search
    tier: standard
    runbook: search.md
    slos:
      - id: queries
        objective: 99
        window: 30d
        sli:
          good: { prometheus: 'sum(rate(search_good_total[{{window}}]))' }
          total: { prometheus: 'sum(rate(search_requests_total[{{window}}]))' }
`;

const MIN = 60;
const DAY = 86400;

function slo(r: ComplianceReport, id: string): SloCompliance {
  const s = r.slos.find((x) => `${x.service}/${x.slo}` === id);
  if (!s) throw new Error(`no ${id} in ${r.slos.map((x) => x.slo).join(", ")}`);
  return s;
}

/** Alert time on the report's grid: each episode is within one step of the minute-exact figure. */
function expectFiring(s: SloCompliance, severity: string, episodes: number, minutes: number, step: number) {
  const a = s.alerts.find((x) => x.severity === severity)!;
  expect(a.episodes).toBe(episodes);
  expect(Math.abs(a.firingSeconds - minutes * MIN)).toBeLessThanOrEqual(episodes * step);
}

describe("readiness compliance against a backfilled Prometheus", () => {
  let dir: string;
  let spec: string;
  let prom: BackfilledPrometheus;
  let november: ComplianceReport;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "readiness-compliance-"));
    spec = join(dir, "readiness.yaml");
    writeFileSync(spec, SPEC);
    // No rules loaded: the report reads the raw SLI and evaluates the alert rules itself.
    prom = await startBackfilledPrometheus(dir, "groups: []\n", complianceHistory());
    november = await json("2026-11");
  });

  afterAll(async () => {
    await prom?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The report as `--format json` prints it, or writes it with `--out`. */
  async function json(period: string, now = "2026-12-02T12:00:00Z", out?: string): Promise<ComplianceReport> {
    const r = await run(["compliance", "-e", "prod", "--prometheus", prom.url, "-f", spec, "--period", period, "--now", now, "--format", "json", ...(out ? ["--out", out] : [])]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    if (!out) return JSON.parse(r.stdout) as ComplianceReport;
    expect(r.stdout).toBe(`wrote ${out}\n`);
    return JSON.parse(readFileSync(out, "utf8")) as ComplianceReport;
  }

  test("November 2026 in Berlin: attainment, budget, worst days and alert time as worked out by hand", async () => {
    const r = november;
    // November in Berlin is 31 Oct 23:00Z to 30 Nov 23:00Z: 30 days, all of them 24 hours (CET throughout).
    expect(r.period).toEqual({ label: "2026-11", kind: "month", timezone: "Europe/Berlin", start: "2026-10-31T23:00:00Z", end: "2026-11-30T23:00:00Z", seconds: 30 * DAY, complete: true });
    // The alert rules are evaluated every 30 days / 11,000 points = 236 s (Prometheus's limit per range query).
    expect(r.alertStep).toBe(236);

    // shop: 600 a minute for 43,200 minutes = 25,920,000 requests. Bad: 1 Nov 00:00-00:30 at 100%
    // (18,000; in UTC that is still October: counting in UTC would miss it) and 12 Nov 10:00-12:00
    // at 50% (36,000): 54,000 bad. Attainment 1 - 54,000 / 25,920,000 = 99.79167% < 99.9%: missed.
    // The budget is 0.1% of 25,920,000 = 25,920 requests; 54,000 of them is 208.33%.
    const shop = slo(r, "shop/availability");
    expect(shop.status).toBe("missed");
    expect(shop.events).toBeCloseTo(SHOP_PER_MINUTE * 43_200, 3);
    expect(shop.badEvents).toBeCloseTo(54_000, 3);
    expect(shop.attainment).toBeCloseTo(1 - 54_000 / 25_920_000, 12);
    expect(shop.budgetConsumed).toBeCloseTo(54_000 / 25_920, 9);
    expect(shop.window).toBe("month");
    // Worst days: 12 Nov (36,000 of 864,000 bad: 95.833%, 138.9% of the budget), then 1 Nov (97.917%).
    expect(shop.worstDays.map((d) => [d.date, d.sli, d.badEvents, d.budgetConsumed])).toEqual([
      ["2026-11-12", expect.closeTo(1 - 36_000 / 864_000, 12), expect.closeTo(36_000, 3), expect.closeTo(36_000 / 25_920, 9)],
      ["2026-11-01", expect.closeTo(1 - 18_000 / 864_000, 12), expect.closeTo(18_000, 3), expect.closeTo(18_000 / 25_920, 9)],
    ]);
    expect(shop.days).toHaveLength(30);
    // Burn-down: after 1 Nov 1 - 18,000/25,920 = 30.6% left; from 12 Nov on, 1 - 54,000/25,920 = -108.3%.
    expect(shop.days[0].budgetRemaining).toBeCloseTo(1 - 18_000 / 25_920, 9);
    expect(shop.days[10].budgetRemaining).toBeCloseTo(1 - 18_000 / 25_920, 9);
    expect(shop.days[11].budgetRemaining).toBeCloseTo(1 - 54_000 / 25_920, 9);
    expect(shop.days[29].budgetRemaining).toBeCloseTo(1 - 54_000 / 25_920, 9);
    // Page (14.4x over 1h1m/5m or 6x over 6h5m/30m, threshold 1.44% and 0.6%):
    //   1 Nov: the 1h1m window holds 600/36,600 = 1.6% after one minute (00:01); the 30m window keeps
    //   errors until 00:59 (the 6h5m one is far above 0.6%): 00:01-00:59, 58 minutes.
    //   12 Nov: 1h1m crosses 1.44% after 2 minutes (600/36,600), 10:02; the 30m window holds errors
    //   until 12:29: 147 minutes.
    expectFiring(shop, "page", 2, 58 + 147, r.alertStep);
    // Ticket (2.3x over 1d21m/2h2m or 1x over 3d1h3m/6h5m, threshold 0.23% and 0.1%):
    //   1 Nov: 1d21m (876,600 requests) crosses 0.23% after 4 minutes (2,400 bad), 00:04; the 6h5m
    //   window holds errors until 06:34 with 3d1h3m at 18,000/2,629,800 = 0.68%: 390 minutes.
    //   12 Nov: 7 minutes at 300 bad (2,100/876,600 = 0.24%), 10:07, until 12:00 + 6h5m = 18:04: 477 minutes.
    expectFiring(shop, "ticket", 2, 390 + 477, r.alertStep);

    // search: 60 a minute, 2,592,000 in the month; 20 Nov 00:00-06:00 10% bad: 6 x 360 = 2,160.
    // Attainment 1 - 2,160 / 2,592,000 = 99.9167% >= 99%: met; budget 2,160 / 25,920 = 8.33%.
    const search = slo(r, "search/queries");
    expect(search.status).toBe("met");
    expect(search.events).toBeCloseTo(SEARCH_PER_MINUTE * 43_200, 3);
    expect(search.attainment).toBeCloseTo(1 - 2_160 / 2_592_000, 12);
    expect(search.budgetConsumed).toBeCloseTo(2_160 / 25_920, 9);
    expect(search.worstDays.map((d) => [d.date, d.sli])).toEqual([["2026-11-20", expect.closeTo(1 - 2_160 / 86_400, 12)]]);
    // Page: 10% never reaches 14.4 x 1%; 6x (6%) over 6h/30m: the 6h window needs 217 bad minutes
    // (1,302/21,600 > 6%), 03:37, and the 30m window stays above 6% until 06:11: 154 minutes.
    expectFiring(search, "page", 1, 154, r.alertStep);
    // Ticket: 2.3% over 1d/2h: the day needs 332 bad minutes (1,992/86,400), 05:32; the 2h window
    // stays above 2.3% until 07:32: 120 minutes. 1% over 3 days is never reached (2,160/259,200).
    expectFiring(search, "ticket", 1, 120, r.alertStep);
  });

  test("last-30d up to 15 Nov 12:00Z: local days cut at Berlin midnights, a 25-hour day, and October's outage in", async () => {
    const r = await json("last-30d", "2026-11-15T12:00:00Z", join(dir, "last-30d.json"));
    expect(r.period).toMatchObject({ kind: "rolling", start: "2026-10-16T12:00:00Z", end: "2026-11-15T12:00:00Z", seconds: 30 * DAY, complete: true });
    const shop = slo(r, "shop/availability");
    // 16 Oct from 14:00 CEST (10 h), 25 Oct (25 h, clocks back), 15 Nov to 13:00 CET (13 h): 31 days, 720 hours.
    expect(shop.days.filter((d) => d.seconds !== DAY).map((d) => [d.date, d.seconds / 3600])).toEqual([
      ["2026-10-16", 10],
      ["2026-10-25", 25],
      ["2026-11-15", 13],
    ]);
    expect(shop.days).toHaveLength(31);
    // Same 25,920,000 requests; 6,000 more bad on 28 Oct (20:00-20:10 at 100%): 60,000 bad.
    // Attainment 1 - 60,000 / 25,920,000 = 99.76852%; budget 60,000 / 25,920 = 231.48%.
    expect(shop.status).toBe("missed");
    expect(shop.attainment).toBeCloseTo(1 - 60_000 / 25_920_000, 12);
    expect(shop.budgetConsumed).toBeCloseTo(60_000 / 25_920, 9);
    expect(shop.worstDays.map((d) => [d.date, d.sli])).toEqual([
      ["2026-11-12", expect.closeTo(1 - 36_000 / 864_000, 12)],
      ["2026-11-01", expect.closeTo(1 - 18_000 / 864_000, 12)],
      ["2026-10-28", expect.closeTo(1 - 6_000 / 864_000, 12)],
    ]);
    // 28 Oct pages 20:01-20:39 (38 minutes) and tickets 20:04 to 02:14 (370 minutes).
    expectFiring(shop, "page", 3, 38 + 58 + 147, r.alertStep);
    expectFiring(shop, "ticket", 3, 370 + 390 + 477, r.alertStep);
    // search's outage is on 20 Nov, after this period: a clean month.
    const search = slo(r, "search/queries");
    expect(search).toMatchObject({ status: "met", attainment: 1, budgetConsumed: 0, worstDays: [] });
    expect(search.alerts.map((a) => a.episodes)).toEqual([0, 0]);
  });

  test("November's HTML page, parsed and laid out by Chromium at 390 px: the figures, two inline charts per SLO, nothing external, spec text as text", async () => {
    // The page `--format html` prints for the report read above (one read of the server, not two).
    const html = formatCompliance(november, "html");
    const probe = join(dir, "probe.html");
    writeFileSync(probe, html.replace("</body>", `${PROBE}\n</body>`));
    const dom = await chromium(["--window-size=390,900", "--virtual-time-budget=2000", "--dump-dom", `file://${probe}`]);
    const m = /<pre id="probe">([\s\S]*?)<\/pre>/.exec(dom);
    if (!m) throw new Error("no probe result in the page");
    const page = JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")) as Probe;

    expect(page.headline).toBe("1 of 2 SLOs with data met their objective in 2026-11.");
    const shop = page.cards.find((c) => c.slo === "shop/availability")!;
    expect(shop).toMatchObject({ status: "missed", badge: "Missed", attainment: "99.792%", budget: "208.3%", svgs: 2, heading: `${SHOP_NAME}: availability`, description: SHOP_DESCRIPTION });
    expect(shop.worst[0]).toBe("2026-11-12: SLI 95.833% (36,000 bad of 864,000; 138.9% of the budget)");
    // The daily chart has a bar per day, two of them (1 and 12 Nov) under the objective.
    expect([shop.bars, shop.under]).toEqual([30, 2]);
    const search = page.cards.find((c) => c.slo === "search/queries")!;
    expect(search).toMatchObject({ status: "met", badge: "Met", attainment: "99.917%", budget: "8.3%", svgs: 2, bars: 30, under: 1 });
    // Spec markup stayed text: the only script is the probe, no <b> came from the name.
    expect(page.scripts).toBe(1);
    expect(page.bolds).toBe(0);
    expect(page.external).toEqual([]);
    expect(page.scrollWidth).toBeLessThanOrEqual(page.innerWidth);
  });

  test("bad input and an unreachable or broken Prometheus: one clear line, exit 1", async () => {
    const base = ["compliance", "-f", spec, "--now", "2026-12-02T12:00:00Z"];
    const unknownEnv = await run([...base, "-e", "qa", "--prometheus", prom.url, "--period", "2026-11"]);
    expect([unknownEnv.code, unknownEnv.stderr]).toEqual([1, `${spec}: environment "qa" is not declared; declared: prod`]);
    const badPeriod = await run([...base, "-e", "prod", "--prometheus", prom.url, "--period", "2026-13"]);
    expect([badPeriod.code, badPeriod.stderr]).toEqual([1, 'readiness compliance: --period "2026-13": there is no month 13']);
    const future = await run([...base, "-e", "prod", "--prometheus", prom.url, "--period", "2027-01"]);
    expect(future.code).toBe(1);
    expect(future.stderr).toBe("readiness compliance: --period 2027-01 starts 2026-12-31T23:00:00.000Z (Europe/Berlin), after now; nothing to report yet");
    const badNow = await run([...base.slice(0, 3), "-e", "prod", "--prometheus", prom.url, "--period", "2026-11", "--now", "yesterday"]);
    expect(badNow.stderr).toMatch(/^--now "yesterday": expected an instant with its offset/);
    const port = await freePort();
    const down = await run([...base, "-e", "prod", "--prometheus", `http://127.0.0.1:${port}`, "--period", "2026-11"]);
    expect([down.code, down.stderr]).toEqual([1, `readiness: cannot reach Prometheus at http://127.0.0.1:${port}: connection refused`]);
    // A server that answers success with a result that is not a matrix: named, not a crash.
    const broken = await recordingServer(200, JSON.stringify({ status: "success", data: { resultType: "matrix", result: [{ metric: {}, values: [[1, 2]] }] } }));
    try {
      const r = await run([...base, "-e", "prod", "--prometheus", broken.url, "--period", "2026-11"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^readiness: \/api\/v1\/query_range answered something that is not a Prometheus range query result \(data\.result\.0\.values\.0\.1: .*\) for /);
    } finally {
      broken.server.closeAllConnections();
      broken.server.close();
    }
  });
});

interface Probe {
  headline: string;
  cards: { slo: string; status: string; badge: string; heading: string; description: string; attainment: string; budget: string; worst: string[]; svgs: number; bars: number; under: number }[];
  scripts: number;
  bolds: number;
  external: string[];
  scrollWidth: number;
  innerWidth: number;
}

/** Runs in the page: reads what a reader sees, and lists anything that would load from elsewhere. */
const PROBE = `
<script>
addEventListener("load", () => {
  const text = (el, sel) => (el.querySelector(sel)?.textContent ?? "").trim();
  const cards = [...document.querySelectorAll("li.card")].map((c) => ({
    slo: c.dataset.slo,
    status: c.dataset.status,
    badge: text(c, ".badge"),
    heading: text(c, "h2"),
    description: text(c, ".desc"),
    attainment: text(c, ".attainment"),
    budget: text(c, ".budget"),
    worst: [...c.querySelectorAll("ul.worst li")].map((li) => li.textContent.trim()),
    svgs: c.querySelectorAll("svg").length,
    bars: c.querySelectorAll("svg rect.day, svg rect.nodata").length,
    under: c.querySelectorAll("svg rect.under").length,
  }));
  const external = [];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) if (/^(src|href|xlink:href|srcset|action|data)$/i.test(a.name) || /url\\(/i.test(a.value)) external.push(el.tagName + " " + a.name + "=" + a.value);
  }
  for (const s of document.querySelectorAll("style")) if (/url\\(|@import/i.test(s.textContent)) external.push("style url/import");
  for (const el of document.querySelectorAll("link, img, iframe, object, embed, image, use")) external.push(el.tagName);
  const result = { headline: text(document, ".headline"), cards, scripts: document.querySelectorAll("script").length, bolds: document.querySelectorAll("main b").length, external, scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth };
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
});
</script>`;
