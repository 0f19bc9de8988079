/**
 * readiness from TypeScript only, without a YAML file: the shop (shop.ts) declared with the
 * component library and provisioned by the same renderers as readiness.yaml. Run with `pulumi up`
 * in this directory after setting the stack config the README's provisioning section lists
 * (grafana:url, grafana:smUrl, readiness:cloudflareAccountId, and the secrets).
 */
import * as pulumi from "@pulumi/pulumi";
import { settingsFromConfig } from "../../lib";
import { shop } from "./shop";

const settings = settingsFromConfig((key) => {
  const [ns, name] = key.split(":");
  return new pulumi.Config(ns).get(name);
});
const { system, storefront, home, statusPage } = shop(new pulumi.Config("readiness").get("environment") ?? pulumi.getStack(), settings);

export const pagerdutyServiceIds = system.pagerdutyServiceIds;
export const dashboardUrls = system.dashboardUrls;
export const storefrontIntegrationKey = storefront.pagerdutyIntegrationKey;
export const homeCheckId = home.grafanaCheckId;
export const statusPageUrl = statusPage.url;
