/** `attest` rewrites the user's spec: nothing the user or anyone else did to that file may be lost or followed. */
import { chmodSync, lstatSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { replaceFile } from "../../files/replaceFile";
import { UserError } from "../../files/userError";
import { tempDir } from "../support/tempDir";

const dir = () => tempDir("readiness-replace-");
const failure = (f: () => void): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).exitCode).toBe(1);
    return (e as Error).message;
  }
  throw new Error("expected a refusal");
};

describe("replacing the spec file", () => {
  it("writes the new text and keeps the file's mode", () => {
    const file = path.join(dir(), "readiness.yaml");
    writeFileSync(file, "old\n");
    chmodSync(file, 0o600);
    replaceFile(file, "old\n", "new\n");
    expect(readFileSync(file, "utf8")).toBe("new\n");
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses when the file changed since it was read, keeping the edit", () => {
    const file = path.join(dir(), "readiness.yaml");
    writeFileSync(file, "someone's edit\n");
    expect(failure(() => replaceFile(file, "what attest read\n", "new\n"))).toMatch(/changed since it was read; not written/);
    expect(readFileSync(file, "utf8")).toBe("someone's edit\n");
  });

  it("refuses a read-only file instead of replacing it", () => {
    const file = path.join(dir(), "readiness.yaml");
    writeFileSync(file, "old\n");
    chmodSync(file, 0o444);
    expect(failure(() => replaceFile(file, "old\n", "new\n"))).toMatch(/read-only; not written/);
    expect(readFileSync(file, "utf8")).toBe("old\n");
    expect(statSync(file).mode & 0o777).toBe(0o444);
  });

  it("writes through a symlinked spec to its target and leaves the link a link", () => {
    const d = dir();
    const target = path.join(d, "real.yaml");
    const link = path.join(d, "readiness.yaml");
    writeFileSync(target, "old\n");
    symlinkSync("real.yaml", link);
    replaceFile(link, "old\n", "new\n");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe("real.yaml");
    expect(readFileSync(target, "utf8")).toBe("new\n");
  });

  it("never writes through a file planted at its temporary name", () => {
    const d = dir();
    const file = path.join(d, "readiness.yaml");
    const victim = path.join(d, "victim.txt");
    writeFileSync(file, "old\n");
    writeFileSync(victim, "precious\n");
    symlinkSync(victim, path.join(d, ".readiness.yaml.fixed.tmp"));
    expect(failure(() => replaceFile(file, "old\n", "new\n", "fixed"))).toMatch(/cannot create a temporary file beside it \(EEXIST\)/);
    expect(readFileSync(victim, "utf8")).toBe("precious\n");
    expect(readFileSync(file, "utf8")).toBe("old\n");
  });

  it("leaves no temporary file behind after successive writes", () => {
    const d = dir();
    const file = path.join(d, "readiness.yaml");
    writeFileSync(file, "a\n");
    replaceFile(file, "a\n", "b\n");
    replaceFile(file, "b\n", "c\n");
    expect(readFileSync(file, "utf8")).toBe("c\n");
    expect(require("node:fs").readdirSync(d)).toEqual(["readiness.yaml"]);
  });
});
