/** Service ids the plan's own components take (plan/components.ts names them): no service may take one. */
export const RESERVED_COMPONENT_NAMES = ["oncall", "routing", "dashboards", "statuspage"] as const;
