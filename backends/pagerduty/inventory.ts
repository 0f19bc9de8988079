/**
 * PagerDuty renders nothing that notifies by itself: its services are where the other backends'
 * items open incidents, and who those wake is read from their routes (oncall/reach.ts).
 */
import { PD_SERVICE_INTEGRATION } from "../../plan/pagerdutyIntegration";
import type { NotifyingInventory } from "../descriptor";
import { PD_ESCALATION_POLICY, PD_SCHEDULE, PD_SERVICE, PD_USER } from "./tokens";

/** No notifying items of its own. */
export const inventory: NotifyingInventory = {
  sources: [],
  quiet: [PD_USER, PD_SCHEDULE, PD_ESCALATION_POLICY, PD_SERVICE, PD_SERVICE_INTEGRATION].map((type) => ({ type })),
};
