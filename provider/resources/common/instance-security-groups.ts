// An instance's security groups, judged at check against what CloudStack has: each named group
// must exist in the instance owner's account (deployVirtualMachine looks names up there:
// "Unable to find group by name ..."), and the instance needs a network with the SecurityGroup
// service, which a basic zone's network has (UserVmManagerImpl.createAdvancedVirtualMachine,
// NetworkModelImpl.checkSecurityGroupSupportForNetwork).
import type { CloudStackClient } from "../../client";
import { failure } from "../../adapter/check/failures";
import { UNKNOWN } from "../../adapter/check/unknown";
import { ApiObject, CheckFailure, PropertyMap } from "../../adapter/types";
import { looksLikeUuid } from "../../validation/fields";
import { ownerScope } from "./ownership";
import { findScoped } from "./scoped-lookup";

const hasSecurityGroupService = (network: ApiObject | undefined): boolean =>
  Array.isArray(network?.service) && (network.service as ApiObject[]).some((s) => s.name === "SecurityGroup");

const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

export async function securityGroupFailures(
  client: () => Promise<CloudStackClient>,
  inputs: PropertyMap,
  known: (key: string) => boolean,
): Promise<CheckFailure[]> {
  const groups = texts(inputs.securityGroups);
  if (!known("securityGroups") || groups.length === 0 || groups.includes(UNKNOWN)) return [];
  const api = await client();
  const failures: CheckFailure[] = [];
  const names = groups.filter((g) => !looksLikeUuid(g));
  if (names.length > 0 && !["account", "domainId", "projectId"].some((key) => !known(key))) {
    const existing = await api.list<ApiObject>("listSecurityGroups", ownerScope(inputs));
    // Names compare without case, as CloudStack's lookup does in its (case-insensitive) database.
    const missing = names.filter((name) => !existing.some((g) => String(g.name).toLowerCase() === name.toLowerCase()));
    if (missing.length > 0) {
      const candidates = existing.map((g) => JSON.stringify(String(g.name))).join(", ") || "none";
      failures.push(failure("securityGroups", groups, `names no security group ${missing.map((n) => JSON.stringify(n)).join(", ")} in the instance owner's account (it has ${candidates})`));
    }
  }
  const networkIds = texts(inputs.networkIds);
  if (known("networks") && networkIds.length > 0 && !networkIds.includes(UNKNOWN)) {
    const networks = await Promise.all(networkIds.map((id) => findScoped(api, "listNetworks", id, inputs)));
    if (networks.every((n) => n !== undefined) && !networks.some(hasSecurityGroupService)) {
      failures.push(
        failure("securityGroups", groups, "needs a network with the SecurityGroup service, and none of the instance's networks has it (CloudStack: \"Can't create vm with security groups; security group feature is not enabled per zone\")"),
      );
    }
  }
  return failures;
}
