#!/usr/bin/env node
// Writes every example's and fixture's plan (json and text), Prometheus export and audit into DIR,
// one file per spec, environment and output, so two trees can be compared with `diff -r`: the
// proof that a behaviour-preserving move changed no plan. Usage: node scripts/plan-snapshot.js DIR
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const YAML = require("yaml");

const root = path.resolve(__dirname, "..");
const out = path.resolve(process.argv[2] ?? "out/plan-snapshot");
const specs = [
  "readiness.yaml",
  ...fs.readdirSync(path.join(root, "examples")).map((d) => `examples/${d}/readiness.yaml`),
  ...fs.readdirSync(path.join(root, "fixtures/valid")).map((f) => `fixtures/valid/${f}`),
  "fixtures/composed/valid/readiness.yaml",
].filter((f) => fs.existsSync(path.join(root, f)));

const outputs = [
  ["plan-json", ["plan", "--format", "json"]],
  ["plan-text", ["plan"]],
  ["prometheus", ["export", "prometheus"]],
  ["audit-json", ["audit", "--format", "json"]],
];
fs.mkdirSync(out, { recursive: true });
for (const spec of specs) {
  const envs = Object.keys(YAML.parse(fs.readFileSync(path.join(root, spec), "utf8")).environments ?? {});
  for (const env of envs) {
    for (const [name, args] of outputs) {
      let text;
      try {
        text = execFileSync(process.execPath, [path.join(root, "bin/readiness.js"), ...args, "--env", env, "--file", spec], {
          cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" },
        });
      } catch (e) {
        text = `exit ${e.status}\n${e.stdout}\n${e.stderr}`;
      }
      fs.writeFileSync(path.join(out, `${spec.replace(/[\/]/g, "__")}.${env}.${name}`), text);
    }
  }
}
console.log(`${specs.length} specs written to ${out}`);
