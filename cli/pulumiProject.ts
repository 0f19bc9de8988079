/** The Pulumi project that deploys a spec: its folder and its name (what URNs and stack references carry). */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { UserError } from "../files/userError";

/**
 * The nearest folder at or above the spec holding a Pulumi.yaml. Not this package's own folder:
 * installed elsewhere, that is node_modules.
 */
export function pulumiProjectDir(specFile: string, exists: (p: string) => boolean = existsSync): string | undefined {
  for (let dir = path.dirname(path.resolve(specFile)); ; dir = path.dirname(dir)) {
    if (exists(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The Pulumi project name in URNs: `name:` of the Pulumi.yaml at or above the spec. */
export function pulumiProjectName(file: string): string {
  const dir = pulumiProjectDir(file);
  if (dir === undefined) throw new UserError(1, `${file}: no Pulumi.yaml in its folder or any folder above, so the project name in the URNs is unknown; run from the Pulumi project that deploys the spec`);
  const m = /^name:\s*["']?([^"'\s#]+)/m.exec(readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"));
  if (!m) throw new UserError(1, `${path.join(dir, "Pulumi.yaml")}: no name: line`);
  return m[1];
}
