/** The audit: rules over the Model, the alert inventory, and its reports. */
export { audit, hasErrors, countByLevel, type AuditReport, type AuditOptions } from "./audit";
export { AUDIT_RULES, ruleInfo, isSpecRule, type RuleId, type SpecRuleId, type AuditRuleInfo } from "./catalogue";
export type { Finding, LocatedFinding, SpecRef, SpecPath } from "./finding";
export type { Level } from "./ruleText";
export { alertInventory, type InventoryEntry, type AlertKind } from "./inventory";
export { renderedInventory, countByBackend, RENDERED_BACKENDS, type RenderedItem, type RenderedBackend } from "./rendered";
export { locateFindings, type PositionOf } from "./locate";
export { specPathsFromSpec, specPathsFromModel, type SpecPaths } from "./specPaths";
export type { LocatedReport } from "./render/located";
export { renderText, findingLine } from "./render/text";
export { renderJson } from "./render/json";
export { renderMarkdown } from "./render/markdown";
export { renderSarif } from "./render/sarif";
