/**
 * Durable Object migrations of the status page Worker, sent the way Cloudflare accepts them on
 * every deploy, not only the first.
 *
 * Cloudflare's rules (the Workers upload API, as wrangler applies them in
 * cloudflare/workers-sdk packages/wrangler/src/durable.ts `getMigrationsToUpload`, and the errors in
 * workers-sdk#705, #6953 and pulumi/pulumi-cloudflare#1215):
 * - a script without a migration tag takes `new_tag` and the steps, no `old_tag`;
 * - once a script has a tag, an upload that carries migrations must carry `old_tag` equal to that
 *   tag, else "Migration tag precondition failed; current tag is v1" [10079];
 * - an upload without migrations keeps the tag and the classes (what wrangler sends when the
 *   script is up to date).
 * The provider re-sends the `migrations` input on every update (terraform-provider-cloudflare
 * v5.22.0, internal/services/workers_script/resource.go `Update` reads it from config), and the
 * Worker is updated whenever its bundle changes, which embeds the spec's status page. So a fixed
 * `{ newTag: "v1", newSqliteClasses: [...] }` fails the second deploy.
 *
 * Design: the migrations are a ledger in code (`STATUS_PAGE_MIGRATIONS`, append-only, one tag per
 * schema change). At deploy time the plan reads the script's current tag from Cloudflare (the
 * `getWorkersScripts` lookup, as wrangler does) and sends only what that tag is missing, by
 * `migrationsToSend`: deploy 1 sends every step, a later deploy with nothing new sends none, and a
 * release that adds a class sends `old_tag` = the tag Cloudflare has, `new_tag` = the last one and
 * the new steps. Reading Cloudflare rather than Pulumi state also holds after a failed update or an
 * imported script.
 */
import type * as cloudflare from "@pulumi/cloudflare";
import { STATE_CLASS_NAME } from "./workerEntry";

/** One migration of the ledger: its tag and what it does to Durable Object classes. */
export type WorkerMigration = {
  tag: string;
  newSqliteClasses?: string[];
  newClasses?: string[];
  deletedClasses?: string[];
  renamedClasses?: { from: string; to: string }[];
};

/**
 * The status page Worker's migrations, oldest first. Append only: a tag once deployed never
 * changes or disappears, or Cloudflare could not tell which steps a script already has.
 */
export const STATUS_PAGE_MIGRATIONS: readonly WorkerMigration[] = [{ tag: "v1", newSqliteClasses: [STATE_CLASS_NAME] }];

/**
 * What the upload must carry so that a script at `currentTag` (undefined: none yet) ends at the ledger's last tag; undefined when nothing is missing.
 * @internal Typed by @pulumi/cloudflare, which a user program need not type-check (783 declaration files).
 */
export function migrationsToSend(currentTag: string | undefined, ledger: readonly WorkerMigration[], scriptName: string): cloudflare.types.input.WorkersScriptMigrations | undefined {
  if (ledger.length === 0) return undefined;
  const last = ledger[ledger.length - 1].tag;
  const steps = (from: number) => ledger.slice(from).map(({ tag: _tag, ...step }) => step);
  if (!currentTag) return { newTag: last, steps: steps(0) };
  const at = ledger.findIndex((m) => m.tag === currentTag);
  if (at === -1)
    throw new Error(
      `Worker ${scriptName} has Durable Object migration tag "${currentTag}", which readiness never wrote (its tags: ${ledger.map((m) => m.tag).join(", ")}); ` +
        `a newer readiness deployed it, or another tool did: deploy with that version, or delete the script to start over (its status history is lost)`,
    );
  if (at === ledger.length - 1) return undefined;
  return { oldTag: currentTag, newTag: last, steps: steps(at + 1) };
}

/** The migration tag Cloudflare reports for `scriptName` among an account's scripts; undefined when there is no such script or it has no tag. */
export function currentMigrationTag(scripts: readonly { id: string; migrationTag?: string }[], scriptName: string): string | undefined {
  return scripts.find((s) => s.id === scriptName)?.migrationTag || undefined;
}
