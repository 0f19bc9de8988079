/**
 * How a Datadog service dashboard finds the SLO overview. The overview links to each service
 * dashboard by its URL (a reference to the dashboard's `url` output); a link back the same way
 * would make each depend on the other, so a service dashboard links to Datadog's dashboard search
 * for the overview's title, which is unique in the account (`<system>-<env>-slo-overview`).
 */
import type { Model } from "../../specification/model";
import { accountScopedName } from "../../plan/naming";
import { datadogSloResource } from "./slos";
import { mdText } from "../../markdown/escape";

/** The overview's title: account-scoped like every other object two systems or environments could share. */
export function datadogSloOverviewTitle(model: Pick<Model, "system" | "environment">): string {
  return accountScopedName(model, "slo-overview");
}

/** True when some SLO of the environment has a Datadog SLO, so there is an overview to link to. */
export function hasDatadogSloOverview(model: Model): boolean {
  return model.services.some((s) => s.slos.some((slo) => datadogSloResource(model, s, slo) !== undefined));
}

/** The Markdown of the note a service dashboard shows: a link to the dashboard search for the overview. */
export function sloOverviewNote(model: Pick<Model, "system" | "environment">): string {
  const title = datadogSloOverviewTitle(model);
  return `Every SLO of ${model.environment}, most at risk first: [${mdText(title)}](/dashboard/lists?q=${encodeURIComponent(title)})`;
}
