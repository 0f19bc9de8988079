/**
 * The one link between the PagerDuty backend and the backends that alert into it: each metrics
 * backend (Grafana, Datadog, the Alertmanager of the operator) sends a service's alerts with the
 * Events v2 key of that service's integration `<service>/<backend>`. The PagerDuty renderer creates
 * the integration under this name, and the others read its key through this ref, so no provider
 * folder needs another's code.
 */
import type { Backend } from "../specification/model";
import { ref, secretRef } from "./plan";
import { logicalName } from "./naming";

/** Type token of a PagerDuty service integration. */
export const PD_SERVICE_INTEGRATION = "pagerduty:index/serviceIntegration:ServiceIntegration";

/** Logical name of the Events v2 integration a metrics backend sends a service's alerts with. */
export function integrationName(serviceId: string, backend: Backend): string {
  return logicalName(serviceId, backend);
}

/** The integration key a metrics backend sends a service's alerts with, as a secret ref. */
export function integrationKeyRef(serviceId: string, backend: Backend) {
  return secretRef(ref(integrationName(serviceId, backend), PD_SERVICE_INTEGRATION, "integrationKey"));
}
