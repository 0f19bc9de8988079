/** `readiness attest --by X` on a sign-off with approvers: only one of them may record it. */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as attestCommand from "../../cli/attest";
import { exampleText } from "../support/example";
import { runInProcess } from "../support/cli";
import { tempDir } from "../support/tempDir";

const run = (args: string[]) => runInProcess([attestCommand], args);

/** The example with `approvers` (a person id and an outside email) on the sign-off `incident-review`. */
function specWithApprovers(): string {
  const text = exampleText();
  const anchor = /( {2}- id: incident-review\n(?: {4}.*\n)*?)( {4}gate:)/;
  expect(text).toMatch(anchor);
  return text.replace(anchor, "$1    approvers: [chen, lee@partner.test]\n$2");
}

function tempSpec(text: string): string {
  const file = path.join(tempDir("readiness-approvers-"), "readiness.yaml");
  writeFileSync(file, text);
  return file;
}

describe("readiness attest with approvers", () => {
  test.each([
    ["a person named by id, by their email", "chen@acme.test"],
    ["an approver named by email", "lee@partner.test"],
    ["an approver's email in another case", "Chen@Acme.test"],
  ])("records the sign-off by %s", async (_who, by) => {
    const file = tempSpec(specWithApprovers());
    const r = await run(["attest", "incident-review", "--by", by, "--at", "2026-11-20", "--file", file]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(readFileSync(file, "utf8")).toContain(`attested: { by: ${by}, at: 2026-11-20 }`);
  });

  test("refuses anybody else, naming the allowed approvers, exits 1 and leaves the file alone", async () => {
    const text = specWithApprovers();
    const file = tempSpec(text);
    const r = await run(["attest", "incident-review", "--by", "dana@acme.test", "--at", "2026-11-20", "--file", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${file}: not written: dana@acme.test is not an approver of sign-off "incident-review"; it may be attested only by chen@acme.test (chen), lee@partner.test`);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  test("a sign-off without approvers may still be attested by anyone", async () => {
    const file = tempSpec(specWithApprovers());
    const r = await run(["attest", "support-macros", "--by", "dana@acme.test", "--at", "2026-11-20", "--file", file]);
    expect(r.code).toBe(0);
  });
});
