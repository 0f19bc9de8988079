/** The Alertmanager configuration document as readiness writes it (the subset it uses), for the export and the operator's AlertmanagerConfig. */

/** Alertmanager's configuration document (the subset readiness writes). */
export interface AlertmanagerConfig {
  global: Record<string, string | boolean>;
  route: AmRoute;
  inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal: string[] }[];
  receivers: AmReceiver[];
  /** Named time intervals (business hours) routes refer to. */
  time_intervals?: AmTimeInterval[];
}

/** One node of the routing tree. */
export interface AmRoute {
  receiver: string;
  matchers?: string[];
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  continue?: boolean;
  /** The route delivers only inside these intervals. */
  active_time_intervals?: string[];
  routes?: AmRoute[];
}

/** A named set of notifiers. */
export interface AmReceiver {
  name: string;
  pagerduty_configs?: Record<string, unknown>[];
  slack_configs?: Record<string, unknown>[];
  email_configs?: Record<string, unknown>[];
  webhook_configs?: Record<string, unknown>[];
}

/** One Alertmanager `time_intervals` entry. */
export interface AmTimeInterval {
  name: string;
  time_intervals: { weekdays: string[]; times: { start_time: string; end_time: string }[]; location: string }[];
}
