// Whose objects the exporter reads: the caller's own, one account's (with its domain), or one
// project's.
import type { Params } from "../provider/client";
import type { ApiObject, PropertyMap } from "../provider/adapter/types";

/** The owner as CloudStack's list parameters (a project and account resolved to ids first). */
export interface ResolvedScope {
  readonly params: Params;
  /** The owner inputs a read is given, so that it looks in the owner's scope (docs/workflow.md). */
  readonly readScope: PropertyMap;
  /**
   * Whether a listed object that names an owner names this one (lists of an account may show
   * objects of its domain); objects that name no owner (ACL lists) belong to what the list asked.
   */
  owns(object: ApiObject): boolean;
}

const same = (a: unknown, b: string | undefined) => typeof a === "string" && b !== undefined && a.toLowerCase() === b.toLowerCase();
const namesNoOwner = (object: ApiObject) => object.account === undefined && object.projectid === undefined;

export function resolvedScope(owner: { account?: string; domainId?: string; projectId?: string }): ResolvedScope {
  if (owner.projectId !== undefined) {
    const projectId = owner.projectId;
    return { params: { projectid: projectId }, readScope: { projectId }, owns: (object) => namesNoOwner(object) || same(object.projectid, projectId) };
  }
  if (owner.account !== undefined) {
    const { account, domainId } = owner;
    return {
      params: { account, domainid: domainId },
      readScope: { account, domainId },
      owns: (object) => namesNoOwner(object) || (same(object.account, account) && object.projectid === undefined),
    };
  }
  // Without listall CloudStack lists the caller's own objects only
  // (AccountManagerImpl.buildACLSearchParameters).
  return { params: {}, readScope: {}, owns: (object) => object.projectid === undefined };
}
