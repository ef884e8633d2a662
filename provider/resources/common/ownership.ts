// The owner inputs an object takes (account + domainId, or projectId) and CloudStack's rules
// for combining them, checked before any call.
import { z } from "zod";
import type { Params } from "../../client";
import { failure } from "../../adapter/check/failures";
import { ApiObject, CheckFailure, PropertyMap } from "../../adapter/types";
import { nonEmpty, uuid } from "../../validation/fields";
import { textOrNull } from "./api-values";
import { given } from "./inputs";

/** The owner scope an object was created with; the adapter defines it, since reference lookups use it too. */
export { ownerScope } from "../../adapter/check/owner-scope";

/**
 * The three owner inputs, described for an object of kind `noun` (e.g. "the IP address"); `note`
 * says more about the owner (e.g. "the caller's account when omitted").
 */
export function ownerInputs(noun: string, note?: string) {
  const more = note ? `; ${note}` : "";
  return {
    account: nonEmpty().optional().describe(`The account that owns ${noun} (with \`domainId\`)${more}. Changing it replaces ${noun}.`),
    domainId: uuid().optional().describe(`The id of the owning account's domain. Changing it replaces ${noun}.`),
    projectId: uuid().optional().describe(`The id of the project that owns ${noun}${more}. Changing it replaces ${noun}.`),
  };
}

/** The owner as outputs, for a kind whose owner is not an input (its VPC's, say). */
export function ownerAttributes() {
  return {
    account: z.string().nullable().describe("The owner's account."),
    domainId: z.string().nullable().describe("The id of the owner's domain."),
    projectId: z.string().nullable().describe("The id of the owning project, if any."),
  };
}

/** The owner inputs as CloudStack's parameters. */
export function ownerParams(inputs: { readonly account?: string; readonly domainId?: string; readonly projectId?: string }): Params {
  return { account: inputs.account, domainid: inputs.domainId, projectid: inputs.projectId };
}

/**
 * The owner inputs as an object has them. A project's object shows the project's own account,
 * which no input names: the account and domain written, if any, are kept then.
 */
export function currentOwner(object: ApiObject, olds: PropertyMap): PropertyMap {
  const project = textOrNull(object.projectid);
  return {
    account: project ? (olds.account ?? null) : textOrNull(object.account),
    domainId: project ? (olds.domainId ?? null) : textOrNull(object.domainid),
    projectId: project,
  };
}

/** account needs domainId; account and projectId exclude each other. */
export function ownerFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (given(inputs, "account") && !given(inputs, "domainId") && known("account")) {
    failures.push(failure("account", inputs.account, "needs domainId as well (CloudStack looks accounts up within a domain)"));
  }
  if (given(inputs, "account") && given(inputs, "projectId") && known("account") && known("projectId")) {
    failures.push(failure("projectId", inputs.projectId, "cannot be combined with account: the owner is one or the other"));
  }
  return failures;
}
