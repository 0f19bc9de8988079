import { formatWithOffset, parseLocalDate, zone } from "../../oncall/zone";

const at = (iso: string) => new Date(iso).getTime();

describe("wall-clock time in a time zone", () => {
  test.each([
    ["America/New_York", "2026-03-08T06:59:00Z", -300],
    ["America/New_York", "2026-03-08T07:00:00Z", -240],
    ["America/New_York", "2026-11-01T05:59:00Z", -240],
    ["America/New_York", "2026-11-01T06:00:00Z", -300],
    ["Europe/Berlin", "2026-03-29T00:59:00Z", 60],
    ["Europe/Berlin", "2026-03-29T01:00:00Z", 120],
    ["Europe/Berlin", "2026-10-25T01:00:00Z", 60],
    ["Asia/Kolkata", "2026-06-01T00:00:00Z", 330],
  ])("%s at %s is %i minutes from UTC", (tz, iso, offset) => {
    expect(zone(tz).offsetMinutes(at(iso))).toBe(offset);
  });

  test.each([
    ["a winter morning in New York", "America/New_York", { year: 2026, month: 1, day: 5, hour: 9, minute: 0 }, "2026-01-05T14:00:00.000Z"],
    ["a summer morning in New York", "America/New_York", { year: 2026, month: 7, day: 6, hour: 9, minute: 0 }, "2026-07-06T13:00:00.000Z"],
    ["02:30 skipped by spring-forward moves to 03:30", "America/New_York", { year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, "2026-03-08T07:30:00.000Z"],
    ["01:30 repeated by fall-back is its first occurrence", "America/New_York", { year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, "2026-11-01T05:30:00.000Z"],
    ["02:30 skipped in Berlin moves to 03:30", "Europe/Berlin", { year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, "2026-03-29T01:30:00.000Z"],
    ["02:30 repeated in Berlin is the summer-time one", "Europe/Berlin", { year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, "2026-10-25T00:30:00.000Z"],
  ])("%s", (_name, tz, local, iso) => {
    expect(new Date(zone(tz).instant(local)).toISOString()).toBe(iso);
  });

  test("local time round-trips through the instant it names", () => {
    const z = zone("Europe/Berlin");
    const l = z.local(at("2026-10-25T00:30:00Z"));
    expect(l).toEqual({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0, weekday: 0 });
  });

  test.each([
    ["America/New_York", "2026-03-09T13:00:00Z", "2026-03-09T09:00:00-04:00"],
    ["America/New_York", "2026-03-02T14:00:00Z", "2026-03-02T09:00:00-05:00"],
    ["Asia/Kolkata", "2026-03-02T03:30:00Z", "2026-03-02T09:00:00+05:30"],
    ["UTC", "2026-03-02T09:00:00Z", "2026-03-02T09:00:00+00:00"],
  ])("in %s the instant %s is written %s", (tz, iso, text) => {
    expect(formatWithOffset(at(iso), zone(tz))).toBe(text);
  });

  test.each([
    ["2026-02-28", true],
    ["2026-02-29", false],
    ["2026-2-1", false],
    ["next monday", false],
  ])("%s is a local date: %s", (text, ok) => {
    expect(parseLocalDate(text) !== undefined).toBe(ok);
  });

  test("an unknown time zone is refused", () => {
    expect(() => zone("Mars/Olympus_Mons")).toThrow(RangeError);
  });
});
