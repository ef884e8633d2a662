// The owner scope an object was created with. Every read passes it: without projectid a
// project's objects look gone to a normal user (SEMANTICS.md §16). CloudStack refuses account
// together with projectid, so a project wins.
import type { Params } from "../../client";
import { PropertyMap } from "../../adapter/types";

export function ownerScope(outputs: PropertyMap): Params {
  if (typeof outputs.projectId === "string" && outputs.projectId !== "") return { projectid: outputs.projectId };
  if (typeof outputs.account === "string" && typeof outputs.domainId === "string") {
    return { account: outputs.account, domainid: outputs.domainId };
  }
  return {};
}
