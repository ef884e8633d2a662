// The owner scope an object has or is created with: projectid, or account + domainid. Reads
// pass it (without projectid a project's objects look gone to a normal user, AccountManagerImpl.buildACLSearchParameters),
// and so do lookups of owned objects that inputs name. CloudStack refuses account together with
// projectid, so a project wins.
import type { Params } from "../../client";
import { PropertyMap } from "../types";

/** The input names that carry an object's owner, in every kind that has one. */
export const OWNER_KEYS = ["projectId", "account", "domainId"] as const;

export function ownerScope(props: PropertyMap): Params {
  if (typeof props.projectId === "string" && props.projectId !== "") return { projectid: props.projectId };
  if (typeof props.account === "string" && typeof props.domainId === "string") {
    return { account: props.account, domainid: props.domainId };
  }
  return {};
}
