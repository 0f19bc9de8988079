import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as attestCommand from "../../cli/attest";
import * as reportCommand from "../../cli/report";
import { defaultEnvironment, localToday } from "../../cli/report";
import { attestSpecText } from "../../report/attestSpecText";
import { exampleText } from "../support/example";
import { runInProcess } from "../support/cli";
import { tempDir } from "../support/tempDir";

const run = (args: string[]) => runInProcess([reportCommand, attestCommand], args);

function tempSpec(text: string): string {
  const file = path.join(tempDir("readiness-report-"), "readiness.yaml");
  writeFileSync(file, text);
  return file;
}

const GA_BLOCKING = ["backup-runbook", "charge-failure-runbook", "oncall-rotation", "slo-definitions", "status-page", "support-macros"];

describe("readiness report", () => {
  const example = tempSpec(exampleText());

  test("--strict exits 1 while GA-blocking sign-offs are outstanding, and says how many", async () => {
    const r = await run(["report", "--file", example, "--now", "2026-11-23", "--format", "json", "--strict"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("readiness report --strict: 5 GA-blocking items are still outstanding in prod");
    expect(JSON.parse(r.stdout).summary.gaBlockingOutstanding).toBe(5);
  });

  test("--strict exits 0 once every GA-blocking sign-off is attested, and 1 again when one expires", async () => {
    let text = exampleText();
    for (const id of GA_BLOCKING) {
      const r = attestSpecText(text, id, { by: "dana@acme.test", at: "2026-11-20", expires: "30d" });
      if (!r.ok) throw new Error(r.error);
      text = r.text;
    }
    const file = tempSpec(text);
    expect((await run(["report", "--file", file, "--now", "2026-12-19", "--strict"])).code).toBe(0);
    expect((await run(["report", "--file", file, "--now", "2026-12-20", "--strict"])).code).toBe(1);
  });

  test("without --strict the report exits 0 even with open gates", async () => {
    expect((await run(["report", "--file", example, "--now", "2026-11-23"])).code).toBe(0);
  });

  test.each([
    ["html", /^<!doctype html>/],
    ["markdown", /^# Launch readiness: billing-platform \(prod\)/],
    ["json", /^\{\n {2}"system": "billing-platform",\n {2}"environment": "prod"/],
  ])("--format %s renders the prod report by default", async (format, start) => {
    const r = await run(["report", "--file", example, "--now", "2026-11-23", "--format", format]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(start);
  });

  test("--env picks another environment", async () => {
    const r = await run(["report", "--file", example, "--now", "2026-11-23", "--format", "json", "--env", "staging"]);
    expect(JSON.parse(r.stdout)).toMatchObject({ environment: "staging", paging: false });
  });

  test.each([
    [["--now", "2026-13-01"], /--now "2026-13-01" is not a date/],
    [["--env", "qa"], /environment "qa" is not declared; declared: staging, prod/],
    [["--format", "pdf"], /argument 'pdf' is invalid/],
  ])("refuses %j", async (extra, message) => {
    const r = await run(["report", "--file", example, ...extra]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  test.each([
    ["the first with paging on", ["staging", "prod"], { staging: { paging: false }, prod: { paging: true } }, "prod"],
    ["the first declared when none pages", ["dev", "staging"], { dev: { paging: false }, staging: { paging: false } }, "dev"],
    ["nothing when none is declared", [], {}, undefined],
  ])("the default environment is %s", (_what, envs, models, expected) => {
    expect(defaultEnvironment(envs, models)).toBe(expected);
  });

  test("today is the local calendar date", () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });
});

describe("readiness attest", () => {
  test("records the attestation in the file, changing one line", async () => {
    const file = tempSpec(exampleText());
    const r = await run(["attest", "backup-runbook", "--by", "dana@acme.test", "--at", "2026-11-20", "--expires", "90d", "--file", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("recorded sign-off backup-runbook");
    const before = exampleText().split("\n");
    const after = readFileSync(file, "utf8").split("\n");
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((line) => !before.includes(line))).toEqual(["    attested: { by: dana@acme.test, at: 2026-11-20, expires: 90d }"]);
  });

  test.each([
    [["attest", "backup-runbok", "--by", "dana@acme.test"], /unknown sign-off "backup-runbok"\. Did you mean "backup-runbook"\? Known sign-offs: status-page, oncall-rotation/],
    [["attest", "backup-runbook", "--by", "dana"], /--by "dana" is not an email address/],
    [["attest", "backup-runbook", "--by", "dana@acme.test", "--at", "tomorrow"], /--at "tomorrow" is not a date/],
    [["attest", "backup-runbook"], /required option '--by <email>' not specified/],
  ])("refuses %j and leaves the file alone", async (args, message) => {
    const file = tempSpec(exampleText());
    const r = await run([...args, "--file", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(readFileSync(file, "utf8")).toBe(exampleText());
  });

  test("refuses to write a spec that would not validate afterwards", async () => {
    const broken = exampleText().replace("escalation: billing-oncall }", "escalation: nobody-oncall }");
    const file = tempSpec(broken);
    const r = await run(["attest", "backup-runbook", "--by", "dana@acme.test", "--file", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nobody-oncall[\s\S]*not written: the spec would not validate with this attestation/);
    expect(readFileSync(file, "utf8")).toBe(broken);
  });
});
