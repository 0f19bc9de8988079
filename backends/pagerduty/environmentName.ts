/**
 * Display names of account-wide PagerDuty objects carry the environment, because staging and prod
 * live in one PagerDuty account and service names must be unique there.
 */
import type { Model } from "../../specification/model";

/** `Billing API (prod)`: a name from the spec, marked with the environment it belongs to. */
export function environmentName(model: Pick<Model, "environment">, name: string): string {
  return `${name} (${model.environment})`;
}
