/**
 * A service's owning team, as `stacks: { by: owner }` groups services: `services[].owner`, else
 * the name of the team file the service is declared in, else `system.owner`. Both defaults are
 * free text (a file name, "Payments Platform"), so they are reduced to a team name the way ids
 * are written: lower-case letters, digits and dashes.
 */
import path from "node:path";

/** `Payments Platform` -> `payments-platform`; undefined when nothing of it is a letter or digit. */
export function teamName(text: string): string | undefined {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return name === "" ? undefined : name;
}

/** A service's team: its own or its team file's, else the system's owner as a team name. */
export function serviceTeam(service: { owner?: string }, system: { owner?: string }): string | undefined {
  return service.owner ?? (system.owner === undefined ? undefined : teamName(system.owner));
}

/** The team a team file stands for: its name without folder and extension (`teams/payments.yaml` -> `payments`). */
export function teamOfFile(file: string): string | undefined {
  const base = path.basename(file.replace(/\\/g, "/"));
  return teamName(base.replace(/\.[^.]*$/, ""));
}
