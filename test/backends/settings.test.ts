/**
 * The settings table is the one source for docs/settings.md, the stack files `readiness init`
 * writes and the program's missing-config message; a placeholder never reaches a provider; the
 * committed stack files name every secret their environment reads.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { loadModels } from "../../specification/loadModels";
import { fsIncludeReader } from "../../files/includeReader";
import { renderPlan } from "../../backends/render";
import { configKeysOf, isPlaceholder, SECRET_KEYS, SETTING_KEYS, settingsFromConfig } from "../../plan/settings";
import { settingHelp, settingsMarkdown } from "../../plan/settingsText";

const ROOT = path.join(__dirname, "..", "..");

test("docs/settings.md is the table as `npm run docs` generates it, with where to get and what breaks for every key", () => {
  expect(readFileSync(path.join(ROOT, "docs", "settings.md"), "utf8")).toBe(settingsMarkdown());
  for (const s of [...SETTING_KEYS, ...SECRET_KEYS]) {
    expect(s.where.length).toBeGreaterThan(10);
    expect(s.without.length).toBeGreaterThan(10);
    expect(settingsMarkdown()).toContain(`| \`${s.key}\` |`);
  }
});

test("the dead man's switch key says which PagerDuty service, how it is made, and why it lives outside readiness", () => {
  const help = settingHelp("readiness:watchdogRoutingKey");
  expect(help).toContain("readiness does not create");
  expect(help).toContain("Events API V2");
  expect(help).toMatch(/must live outside readiness: .*same failed or destroyed deploy/);
});

test("a placeholder left in stack config is treated as unset, so the program asks for it instead of sending it", () => {
  const settings = settingsFromConfig((k) => ({ "readiness:cloudflareAccountId": "<cloudflare-account-id>", "grafana:url": "https://<your-stack>.grafana.net/", "readiness:cloudflareZoneId": "zone" })[k]);
  expect(settings.cloudflareAccountId).toBe("<unset: readiness:cloudflareAccountId>");
  expect(settings.grafanaUrl).toBe("<unset: grafana:url>");
  expect(settings.cloudflareZoneId).toBe("zone");
  expect(isPlaceholder("https://acme.grafana.net/")).toBe(false);
});

test("the committed stack files hold no placeholder or made-up id and name every secret their environment reads", () => {
  const loaded = loadModels(readFileSync(path.join(ROOT, "readiness.yaml"), "utf8"), "readiness.yaml", fsIncludeReader);
  if (!loaded.ok) throw new Error("readiness.yaml does not load");
  for (const env of loaded.environments) {
    const text = readFileSync(path.join(ROOT, `Pulumi.${env}.yaml`), "utf8");
    const config = (parse(text) as { config: Record<string, string> }).config;
    for (const [k, v] of Object.entries(config)) expect([k, isPlaceholder(String(v))]).toEqual([k, false]);
    expect(text).not.toMatch(/0123456789abcdef|fedcba9876543210/);
    for (const k of configKeysOf(renderPlan(loaded.models[env], settingsFromConfig(() => undefined))).secrets) expect([env, text.includes(k)]).toEqual([env, true]);
  }
});
