/**
 * The readiness policy pack: `pulumi preview --policy-pack policy`. This file is the shell: it
 * reads the spec once to learn which environments page, then hands that to the pure policies.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { PolicyPack } from "@pulumi/policy";
import { loadModels } from "../specification/loadModels";
import { readinessPolicies } from "./policies";

/** Paging per environment from the spec; empty when it cannot be read (then policy config decides). */
function pagingByEnvironment(file: string): Record<string, boolean> {
  try {
    const r = loadModels(readFileSync(file, "utf8"), file);
    return r.ok ? Object.fromEntries(r.environments.map((env) => [env, r.models[env].paging])) : {};
  } catch {
    return {};
  }
}

const specFile = process.env.READINESS_SPEC ?? path.join(__dirname, "..", "readiness.yaml");

new PolicyPack("readiness", { policies: readinessPolicies({ pagingByEnvironment: pagingByEnvironment(specFile) }) });
