/** What a merchant sees for a component. */
export type ComponentStatus = "operational" | "maintenance" | "degraded" | "outage" | "unknown";
