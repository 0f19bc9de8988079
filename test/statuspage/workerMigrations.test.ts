/**
 * The status page Worker deploys, deploys again after a change, and deploys a third time with a new
 * Durable Object class, each upload valid against Cloudflare's migration-tag rules.
 *
 * The Pulumi program runs under the mock runtime; the mocks answer the `getWorkersScripts` lookup
 * from a model of the Workers upload API, and every WorkersScript registration is sent to that model
 * as the provider sends it (terraform-provider-cloudflare v5.22.0 re-sends the `migrations` input on
 * create and on every update). The model refuses what Cloudflare refuses:
 * - migrations on a script with a tag, without `old_tag` equal to that tag: "Migration tag
 *   precondition failed; current tag is v1" [10079] (cloudflare/workers-sdk#705, #6953);
 * - an `old_tag` other than the script's tag: "got tag 'v0' when expected tag is 'v1'"
 *   (pulumi/pulumi-cloudflare#1215);
 * - a class created twice, and a Durable Object binding to a class no migration created.
 */
import * as pulumi from "@pulumi/pulumi";
import { ReadinessStack } from "../../components/readinessStack";
import { renderPlan } from "../../backends/render";
import type { Plan, PlanValue, RenderSettings } from "../../plan/plan";
import { isWorkerMigrations } from "../../plan/plan";
import { WORKERS_SCRIPT_TYPE, statusPageScriptName } from "../../backends/cloudflare/statusPage";
import { migrationsToSend, STATUS_PAGE_MIGRATIONS, type WorkerMigration } from "../../statuspage/workerMigrations";
import { makeModel } from "../support/model";
import { component, statusPage } from "./harness";

type Migrations = { oldTag?: string; newTag?: string; steps?: Omit<WorkerMigration, "tag">[] } & Omit<WorkerMigration, "tag">;
type Binding = { name: string; type: string; className?: string };

/** The Workers upload API's Durable Object rules, for one account. */
class WorkersApi {
  readonly scripts = new Map<string, { tag?: string; classes: Set<string>; content: string; uploads: number }>();

  upload(scriptName: string, inputs: { content: string; migrations?: Migrations; bindings?: Binding[] }): void {
    const script = this.scripts.get(scriptName) ?? { classes: new Set<string>(), content: "", uploads: 0 };
    const classes = new Set(script.classes);
    let tag = script.tag;
    const m = inputs.migrations;
    if (m) {
      if (m.oldTag !== script.tag) {
        throw new Error(script.tag && m.oldTag === undefined ? `Migration tag precondition failed; current tag is ${script.tag} [10079]` : `Actor migration tag precondition failed, got tag '${m.oldTag ?? ""}' when expected tag is '${script.tag ?? ""}'`);
      }
      for (const step of m.steps ?? [m]) {
        for (const c of [...(step.newClasses ?? []), ...(step.newSqliteClasses ?? [])]) {
          if (classes.has(c)) throw new Error(`Cannot apply new-class migration to class ${c} that already exists`);
          classes.add(c);
        }
        for (const c of step.deletedClasses ?? []) if (!classes.delete(c)) throw new Error(`Cannot apply deleted-class migration to class ${c} that does not exist`);
      }
      tag = m.newTag;
    }
    for (const b of inputs.bindings ?? []) if (b.type === "durable_object_namespace" && !classes.has(b.className ?? "")) throw new Error(`Cannot create binding for class ${b.className} that is not a Durable Object class of the script`);
    this.scripts.set(scriptName, { tag, classes, content: inputs.content, uploads: script.uploads + 1 });
  }
}

/** Pulumi's marker on a serialised secret (the bindings hold the Worker's secrets). */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
function unwrapSecrets(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(unwrapSecrets);
  if (x && typeof x === "object") {
    const o = x as Record<string, unknown>;
    return SECRET_SIG in o ? unwrapSecrets(o.value) : Object.fromEntries(Object.entries(o).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return x;
}

const api = new WorkersApi();
const uploads: { scriptName: string; migrations?: Migrations; error?: string }[] = [];

pulumi.runtime.setMocks(
  {
    newResource(args) {
      if (args.type === WORKERS_SCRIPT_TYPE) {
        const inputs = unwrapSecrets(args.inputs) as { scriptName: string; content: string; migrations?: Migrations; bindings?: Binding[] };
        const sent = { scriptName: inputs.scriptName, ...(inputs.migrations ? { migrations: inputs.migrations } : {}) };
        try {
          api.upload(inputs.scriptName, inputs);
          uploads.push(sent);
        } catch (e) {
          uploads.push({ ...sent, error: (e as Error).message });
        }
      }
      return { id: `${args.type}::${args.name}`, state: { ...args.inputs, id: `${args.type}::${args.name}` } };
    },
    call(args) {
      if (args.token === "cloudflare:index/getWorkersScripts:getWorkersScripts")
        return { results: [...api.scripts].map(([id, s]) => ({ id, ...(s.tag ? { migrationTag: s.tag } : {}) })) };
      return args.inputs;
    },
  },
  "readiness",
  "prod",
  false,
);

const settings: RenderSettings = { grafanaDatasourceUid: "prom", cloudflareAccountId: "acct-1" };
const api1 = component("api", "API", "Merchant-facing", "https://api.example.test/health");

function model(title: string) {
  return makeModel({ backends: ["cloudflare"], statusPage: { ...statusPage([api1]), title } });
}

/** One `pulumi up` of `plan`: the upload the provider makes for the Worker, once every Output settled. */
async function deploy(m: ReturnType<typeof model>, plan: Plan = renderPlan(m, settings)) {
  const before = uploads.length;
  const stack = new ReadinessStack(m.system.name, { model: m, settings, plan, secret: () => pulumi.secret("s") });
  await new Promise<void>((resolve) => stack.urn.apply(() => resolve()));
  for (let i = 0; i < 50 && uploads.length === before; i++) await new Promise((r) => setTimeout(r, 20));
  expect(uploads.length).toBe(before + 1);
  return uploads[uploads.length - 1];
}

/** The plan a later readiness would render that adds Durable Object class `className` in migration `tag`. */
function withNewClass(plan: Plan, tag: string, className: string): Plan {
  const resources = plan.resources.map((r) => {
    if (r.type !== WORKERS_SCRIPT_TYPE || !isWorkerMigrations(r.inputs.migrations)) return r;
    const migrations = r.inputs.migrations;
    const bindings = [...(r.inputs.bindings as PlanValue[]), { name: "ARCHIVE", type: "durable_object_namespace", className }];
    return { ...r, inputs: { ...r.inputs, bindings, migrations: { $migrations: { ...migrations.$migrations, ledger: [...migrations.$migrations.ledger, { tag, newSqliteClasses: [className] }] } } } };
  });
  return { ...plan, resources };
}

describe("the status page Worker across deploys", () => {
  const scriptName = statusPageScriptName(model("x"));

  it("is refused by the API model on its second upload when it re-sends the creating migration, as Cloudflare refused it", () => {
    const a = new WorkersApi();
    const fixed = { newTag: "v1", newSqliteClasses: ["StatusPageState"] };
    a.upload("s", { content: "1", migrations: fixed, bindings: [{ name: "STATUS_STATE", type: "durable_object_namespace", className: "StatusPageState" }] });
    expect(() => a.upload("s", { content: "2", migrations: fixed })).toThrow("Migration tag precondition failed; current tag is v1 [10079]");
    expect(() => a.upload("s", { content: "2", migrations: { ...fixed, oldTag: "v0" } })).toThrow("got tag 'v0' when expected tag is 'v1'");
  });

  it("deploy 1 creates StatusPageState under tag v1; deploy 2 after a change sends no migration; deploy 3 adds a class from v1 to v2", async () => {
    const first = await deploy(model("Acme status"));
    expect(first).toEqual({ scriptName, migrations: { newTag: "v1", steps: [{ newSqliteClasses: ["StatusPageState"] }] } });
    expect(api.scripts.get(scriptName)).toMatchObject({ tag: "v1", classes: new Set(["StatusPageState"]) });

    const changed = model("Acme status (new title)");
    const contentBefore = api.scripts.get(scriptName)?.content;
    const second = await deploy(changed);
    expect(second).toEqual({ scriptName });
    expect(api.scripts.get(scriptName)?.content).not.toBe(contentBefore);
    expect(api.scripts.get(scriptName)).toMatchObject({ tag: "v1", classes: new Set(["StatusPageState"]), uploads: 2 });

    const third = await deploy(changed, withNewClass(renderPlan(changed, settings), "v2", "IncidentArchive"));
    expect(third).toEqual({ scriptName, migrations: { oldTag: "v1", newTag: "v2", steps: [{ newSqliteClasses: ["IncidentArchive"] }] } });
    expect(api.scripts.get(scriptName)).toMatchObject({ tag: "v2", classes: new Set(["StatusPageState", "IncidentArchive"]), uploads: 3 });

    const fourth = await deploy(changed, withNewClass(renderPlan(changed, settings), "v2", "IncidentArchive"));
    expect(fourth).toEqual({ scriptName });
  });
});

describe("migrationsToSend", () => {
  const ledger: WorkerMigration[] = [...STATUS_PAGE_MIGRATIONS, { tag: "v2", newClasses: ["A"] }, { tag: "v3", deletedClasses: ["A"] }];

  it.each([
    [undefined, { newTag: "v3", steps: [{ newSqliteClasses: ["StatusPageState"] }, { newClasses: ["A"] }, { deletedClasses: ["A"] }] }],
    ["v1", { oldTag: "v1", newTag: "v3", steps: [{ newClasses: ["A"] }, { deletedClasses: ["A"] }] }],
    ["v2", { oldTag: "v2", newTag: "v3", steps: [{ deletedClasses: ["A"] }] }],
    ["v3", undefined],
  ])("from tag %s sends only the missing steps", (tag, want) => {
    expect(migrationsToSend(tag, ledger, "w")).toEqual(want);
  });

  it("refuses a tag readiness never wrote, saying what to do", () => {
    expect(() => migrationsToSend("v9", ledger, "shop-status-prod")).toThrow(/Worker shop-status-prod has Durable Object migration tag "v9", which readiness never wrote \(its tags: v1, v2, v3\)/);
  });
});
