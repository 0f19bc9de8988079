/**
 * The files of a new readiness project (`readiness init`): the starter spec, its JSON Schema (the
 * spec's first line points editors at it), a Pulumi.yaml whose program is this package's, a stack
 * file per environment generated from the settings table, a .gitignore and, on request, a pull
 * request workflow. Computed here without I/O; cli/init.ts writes them.
 */
import { loadModels } from "../specification/loadModels";
import { STARTER_SPEC } from "../specification/starter";
import { jsonSchemaText } from "../specification/jsonSchema";
import { renderPlan } from "../backends/render";
import { settingsFromConfig } from "../plan/settings";
import { stackFileText } from "../plan/settingsText";

/** One file to write, relative to the project folder. */
export interface ScaffoldFile {
  path: string;
  content: string;
}

/** A Pulumi project name from a folder name: letters, digits, `-`, `_` and `.` (the Pulumi CLI's rule). */
export function projectName(folder: string): string {
  const name = folder.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[-.]+|[-.]+$/g, "");
  return name || "readiness";
}

const PULUMI_YAML = (name: string) => `# The Pulumi project: its program is the readiness package's, which reads readiness.yaml and the
# stack's settings (Pulumi.<env>.yaml) and provisions that environment. \`npx readiness up --env staging\`
# runs it per stack; \`pulumi up --stack staging\` works too.
name: ${name}
runtime:
  name: nodejs
  options:
    typescript: false
    # The SDK captures a stack trace for every resource it registers; nobody reads them.
    nodeargs: "--stack-trace-limit=0"
description: Monitoring as code from readiness.yaml
main: node_modules/readiness/dist/program.js
`;

const GITIGNORE = `node_modules/
# A local Pulumi state backend (pulumi login file://.), if you use one: it holds secrets encrypted, but not for git.
.pulumi/
*.tgz
`;

const WORKFLOW = `# On every pull request: validate the spec, audit each environment, and post what the change
# does (readiness diff). Written by \`readiness init --workflow\`.
name: readiness

on:
  pull_request:

permissions:
  contents: read

jobs:
  check:
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        env: [__ENVS__]
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # readiness diff reads the spec at the base branch
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      # readiness diff keeps the base it renders, by content; kept per base commit, later pushes to
      # the pull request diff within 1.5x of one plan instead of rendering the base again.
      - uses: actions/cache@v4
        with:
          path: ~/.cache/readiness
          key: readiness-diff-\${{ matrix.env }}-\${{ github.event.pull_request.base.sha }}
      - run: npx readiness validate
      - run: npx readiness audit --env \${{ matrix.env }}
      - run: npx readiness diff --env \${{ matrix.env }} --base origin/\${{ github.base_ref }} --format markdown >> "$GITHUB_STEP_SUMMARY"
`;

/** Every file of a new project in `folder` (its base name names the Pulumi project). */
export function scaffold(folder: string, options: { workflow: boolean }): ScaffoldFile[] {
  const loaded = loadModels(STARTER_SPEC, "readiness.yaml");
  if (!loaded.ok) throw new Error("the starter spec does not load");
  // Rendered with no settings at all: what each environment's plan then misses is what its stack file must name.
  const empty = settingsFromConfig(() => undefined);
  const stacks = loaded.environments.map((env) => ({ path: `Pulumi.${env}.yaml`, content: stackFileText(loaded.models[env], renderPlan(loaded.models[env], empty)) }));
  return [
    { path: "readiness.yaml", content: STARTER_SPEC },
    { path: "readiness.schema.json", content: jsonSchemaText() },
    { path: "Pulumi.yaml", content: PULUMI_YAML(projectName(folder)) },
    ...stacks,
    { path: ".gitignore", content: GITIGNORE },
    ...(options.workflow ? [{ path: ".github/workflows/readiness.yml", content: WORKFLOW.replace("__ENVS__", loaded.environments.join(", ")) }] : []),
  ];
}
