/** The Grafana folder that holds a system's rule groups and dashboards in one environment. */
import type { Model } from "../../specification/model";
import type { PlanRef, PlanResource } from "../../plan/plan";
import { ref } from "../../plan/plan";
import { routingComponent } from "../../plan/components";
import { logicalName } from "../../plan/naming";
import { grafanaUid } from "./uid";

export const FOLDER_TYPE = "grafana:oss/folder:Folder" as const;

/** Logical name of the system's folder. */
export function folderName(model: Pick<Model, "system">): string {
  return logicalName(model.system.name);
}

/** A reference to the folder's uid, for rule groups, dashboards and checks that live in it. */
export function folderUidRef(model: Pick<Model, "system">): PlanRef<string> {
  return ref(folderName(model), FOLDER_TYPE, "uid");
}

/** The folder resource; the environment is in uid and title because environments may share a Grafana. */
export function grafanaFolder(model: Model): PlanResource {
  return {
    type: FOLDER_TYPE,
    name: folderName(model),
    parent: routingComponent(model).name,
    provider: "grafana",
    inputs: { uid: grafanaUid(model.system.name, model.environment), title: `${model.system.name} (${model.environment})` },
  };
}
