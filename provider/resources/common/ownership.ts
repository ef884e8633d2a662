// The owner inputs an object takes (account + domainId, or projectId) and CloudStack's rules
// for combining them, checked before any call.
import { failure } from "../../adapter/failures";
import { CheckFailure, PropertyMap } from "../../adapter/types";
import { nonEmpty, uuid } from "../../validation/fields";

/** The three owner inputs, described for an object of kind `noun` (e.g. "the IP address"). */
export function ownerInputs(noun: string) {
  return {
    account: nonEmpty().optional().describe(`The account that owns ${noun} (with \`domainId\`). Changing it replaces ${noun}.`),
    domainId: uuid().optional().describe(`The id of the owning account's domain. Changing it replaces ${noun}.`),
    projectId: uuid().optional().describe(`The id of the project that owns ${noun}. Changing it replaces ${noun}.`),
  };
}

const has = (inputs: PropertyMap, key: string): boolean => inputs[key] !== undefined && inputs[key] !== null;

/** account needs domainId; account and projectId exclude each other. */
export function ownerFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (has(inputs, "account") && !has(inputs, "domainId") && known("account")) {
    failures.push(failure("account", inputs.account, "needs domainId as well (CloudStack looks accounts up within a domain)"));
  }
  if (has(inputs, "account") && has(inputs, "projectId") && known("account") && known("projectId")) {
    failures.push(failure("projectId", inputs.projectId, "cannot be combined with account: the owner is one or the other"));
  }
  return failures;
}
