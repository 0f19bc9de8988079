/**
 * Checks that need the whole spec: duplicate ids, references that point nowhere, variables not
 * defined in every environment, PromQL that does not parse. All problems are reported together,
 * in the order of the steps below; each step is one file in crossRefs/.
 */
import type { Spec } from "./schema";
import type { Diagnostic, Locator } from "./diagnostics";
import type { CrossRefCheck } from "./crossRefs/common";
import { checkIds } from "./crossRefs/checkIds";
import { checkStackOwners } from "./crossRefs/checkStackOwners";
import { checkRoutes } from "./crossRefs/checkRoutes";
import { checkSignoffs } from "./crossRefs/checkSignoffs";
import { checkRunbooks } from "./crossRefs/checkRunbooks";
import { checkAlerts } from "./crossRefs/checkAlerts";
import { checkStatusPage } from "./crossRefs/checkStatusPage";
import { checkQueries } from "./crossRefs/checkQueries";
import { checkVariables } from "./crossRefs/checkVariables";


const STEPS: readonly CrossRefCheck[] = [checkIds, checkStackOwners, checkRoutes, checkSignoffs, checkRunbooks, checkAlerts, checkStatusPage, checkQueries, checkVariables];

/** Every cross-reference problem in the spec, step by step. */
export function checkCrossReferences(spec: Spec, locate: Locator): Diagnostic[] {
  return STEPS.flatMap((step) => step(spec, locate));
}
