import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  "continue-on-error"?: boolean;
}
interface Job {
  needs?: string | string[];
  strategy?: { matrix?: Record<string, unknown> };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const FILE = path.join(__dirname, "..", "..", ".github", "workflows", "monitoring-preview.yml");
const wf = parse(readFileSync(FILE, "utf8")) as Workflow;
const allSteps = Object.values(wf.jobs).flatMap((j) => j.steps);
const stepRunning = (text: string) => allSteps.find((s) => s.run?.includes(text));
const stepUsing = (action: string) => allSteps.find((s) => s.uses?.startsWith(`${action}@`));

test("runs on pull requests", () => {
  expect(Object.keys(wf.on)).toEqual(["pull_request"]);
});

test("asks only for the permissions its steps need: read code, write PR comments and code-scanning results", () => {
  expect(wf.permissions).toEqual({ contents: "read", "pull-requests": "write", "security-events": "write" });
});

test("every job checks out full history and installs with npm ci on Node 20", () => {
  for (const job of Object.values(wf.jobs)) {
    const checkout = job.steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with?.["fetch-depth"]).toBe(0);
    expect(job.steps.find((s) => s.uses?.startsWith("actions/setup-node@"))?.with?.["node-version"]).toBe(20);
    expect(job.steps.some((s) => s.run === "npm ci")).toBe(true);
  }
});

test("validates, then audits prod as SARIF without stopping the upload to code scanning", () => {
  expect(stepRunning("npx readiness validate")).toBeDefined();
  const audit = stepRunning("readiness audit")!;
  expect(audit.run).toBe("npx readiness audit --env prod --format sarif > audit.sarif");
  expect(audit["continue-on-error"]).toBe(true);
  const upload = stepUsing("github/codeql-action/upload-sarif")!;
  expect(upload.with?.sarif_file).toBe("audit.sarif");
  expect(upload.if).toContain("always()");
});

test("diffs each environment against origin/main and posts it as one sticky comment per environment", () => {
  const preview = Object.values(wf.jobs).find((j) => j.strategy?.matrix)!;
  expect(preview.strategy?.matrix?.env).toEqual(["staging", "prod"]);
  const diff = preview.steps.find((s) => s.run?.includes("readiness diff"))!;
  expect(diff.run).toContain("--env ${{ matrix.env }} --base origin/main --format markdown > diff.md");
  const comment = preview.steps.find((s) => s.uses?.startsWith("marocchino/sticky-pull-request-comment@"))!;
  expect(comment.with?.header).toBe("readiness-diff-${{ matrix.env }}");
  expect(comment.with?.path).toBe("diff.md");
});

test("runs pulumi preview per stack with a PR comment and the policy pack, only when the Pulumi token secret exists", () => {
  const preview = Object.values(wf.jobs).find((j) => j.strategy?.matrix)!;
  const pulumi = preview.steps.find((s) => s.uses?.startsWith("pulumi/actions@"))!;
  expect(pulumi.with).toMatchObject({ command: "preview", "stack-name": "${{ matrix.env }}", "comment-on-pr": true, policyPacks: "policy" });
  expect(pulumi.env?.PULUMI_ACCESS_TOKEN).toBe("${{ secrets.PULUMI_ACCESS_TOKEN }}");
  const gate = preview.steps.find((s) => s.env?.PULUMI_ACCESS_TOKEN && s.run?.includes("GITHUB_OUTPUT"))!;
  expect(pulumi.if).toBe(`steps.${(gate as Step & { id?: string }).id}.outputs.enabled == 'true'`);
});
