/** Pulumi type tokens of the PagerDuty resources and lookups this project plans. */

export const PD_USER_LOOKUP = "pagerduty:index/getUser:getUser";
export const PD_USER = "pagerduty:index/user:User";
export const PD_SCHEDULE = "pagerduty:index/schedule:Schedule";
export const PD_ESCALATION_POLICY = "pagerduty:index/escalationPolicy:EscalationPolicy";
export const PD_SERVICE = "pagerduty:index/service:Service";
