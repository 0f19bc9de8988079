/**
 * The import boundaries of the house (README, "The pipeline"): layers from the bottom up, each
 * importing only layers below it; no provider folder importing another; `cli/` imported only by the
 * entry points; no import circles. `npm test` runs it (scripts/boundaries.js), and a test plants a
 * violation of each kind to show it fails.
 */
const LAYERS = [
  ["markdown"],
  ["specification"],
  ["files", "slos", "oncall"],
  ["rules", "alerting", "statuspage"],
  ["plan"],
  ["backends"],
  ["components", "stacks"],
  ["audit", "diff", "report", "interop", "policy", "live"],
  ["cli"],
];
const folders = (ls) => `^(${ls.join("|")})/`;
/**
 * The one arrow allowed to run back up: resolve derives each SLO's burn-rate alerts into the Model
 * from the window table in slos/, which also serves explain, the rules and the dashboards.
 */
const ALLOWED_UP = { from: "^specification/resolve/slos\\.ts$", to: "^slos/burnRate\\.ts$" };
const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.join("-")}`,
  comment: `${layer.join(", ")} may import only their own layer and those below: ${LAYERS.slice(0, i + 1).flat().join(", ")}`,
  severity: "error",
  from: { path: folders(layer), pathNot: i === 1 ? ALLOWED_UP.from : undefined },
  to: { path: folders(LAYERS.slice(i + 1).flat()) },
}));
layerRules.push({
  name: "layer-specification-resolve",
  comment: "resolve may import from above only the burn-rate window table",
  severity: "error",
  from: { path: ALLOWED_UP.from },
  to: { path: folders(LAYERS.slice(2).flat()), pathNot: ALLOWED_UP.to },
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "provider-imports-provider",
      comment: "a provider folder renders its own provider only (and implements backends/descriptor.ts); shared pieces live in alerting/, rules/ or plan/",
      severity: "error",
      from: { path: "^backends/([^/]+)/" },
      to: { path: "^backends/", pathNot: ["^backends/$1/", "^backends/descriptor\\.ts$"] },
    },
    {
      name: "cli-imported-outside-cli",
      comment: "cli/ holds commands; only its own files and the entry points (bin/, bench/, scripts/) import it",
      severity: "error",
      from: { pathNot: "^(cli|bin|bench|scripts|test)/" },
      to: { path: "^cli/" },
    },
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|dist|out|test|fixtures|examples|\\.pulumi)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports are part of the design too: a layer must not even name a type from above it.
  },
};
