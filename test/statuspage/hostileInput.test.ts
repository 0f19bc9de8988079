/**
 * The status page fed hostile text and times, in workerd: NUL, ESC, C1 and bidi characters in the
 * spec's names and in incidents never reach the HTML page or the feed; maintenance times out of
 * range (year 0000 or 9999, hour 24, 31 February) or a window that already ended are refused
 * with 400 instead of being accepted and vanishing.
 */
import { ADMIN_TOKEN, alertComponent, startWorker, statusPage } from "./harness";

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" };
const HOSTILE = "A\u0000B\u001b[2JC\u202eD\u0085E\u2066F";
const HOUR = 3_600_000;

describe("hostile text and times", () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  beforeAll(async () => {
    worker = await startWorker(statusPage([alertComponent("phones", `Phone ${HOSTILE}`, `Support ${HOSTILE}`)], { title: `Acme ${HOSTILE}` }));
  });
  afterAll(async () => {
    await worker?.mf.dispose();
  });

  it("keeps NUL, ESC, C1 and bidi characters of the spec and of incidents out of the page and the feed", async () => {
    const created = await worker.fetch("/api/incidents", { method: "POST", headers: auth, body: JSON.stringify({ title: `Calls ${HOSTILE}`, status: "investigating", body: `Body ${HOSTILE}`, components: ["phones"] }) });
    expect(created.status).toBe(201);
    const html = await (await worker.fetch("/")).text();
    const feed = await (await worker.fetch("/feed.atom")).text();
    for (const out of [html, feed]) {
      expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(out).toContain("Calls AB[2JCDEF");
    }
    expect(html).toContain("<h1>Acme AB[2JCDEF</h1>");
    expect(html).toContain("Phone AB[2JCDEF");
  });

  it.each([
    ["year 0000", "0000-01-01T00:00:00Z", "0000-01-01T01:00:00Z", /startsAt: must be an ISO 8601 time with a zone and fields in range/],
    ["year 9999", "9999-01-01T00:00:00Z", "9999-01-01T01:00:00Z", /startsAt: may be at most one year ahead/],
    ["hour 24", "2030-01-01T24:00:00Z", "2030-01-02T01:00:00Z", /startsAt: must be an ISO 8601 time with a zone and fields in range/],
    ["31 February", "2030-02-31T00:00:00Z", "2030-03-01T01:00:00Z", /startsAt: must be an ISO 8601 time with a zone and fields in range/],
    ["a window that already ended", new Date(Date.now() - 3 * HOUR).toISOString(), new Date(Date.now() - 2 * HOUR).toISOString(), /endsAt: the window has already ended/],
    ["a start two days ago", new Date(Date.now() - 48 * HOUR).toISOString(), new Date(Date.now() + HOUR).toISOString(), /startsAt: may be at most one day in the past/],
  ])("refuses %s with 400", async (_, startsAt, endsAt, message) => {
    const res = await worker.fetch("/api/maintenance", { method: "POST", headers: auth, body: JSON.stringify({ title: "t", body: "b", components: ["phones"], startsAt, endsAt }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it("accepts a window under way (started within the day) and one a few months ahead", async () => {
    for (const [start, end] of [
      [Date.now() - 2 * HOUR, Date.now() + HOUR],
      [Date.now() + 90 * 24 * HOUR, Date.now() + 90 * 24 * HOUR + HOUR],
    ]) {
      const res = await worker.fetch("/api/maintenance", { method: "POST", headers: auth, body: JSON.stringify({ title: "t", body: "b", components: ["phones"], startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString() }) });
      expect(res.status).toBe(201);
    }
  });
});
