// VpnUser: a remote-access VPN user of an account (addVpnUser, removeVpnUser, listVpnUsers).
// Users belong to the account, not to one VPN: CloudStack pushes each to every remote-access VPN
// of the account. A new password is a remove and an add, since no command changes it.
import { z } from "zod";
import type { Params } from "../client";
import { defineSpec } from "../adapter/spec";
import { UNKNOWN } from "../adapter/check/unknown";
import { textOrNull } from "./common/api-values";
import { currentOwner, ownerFailures, ownerInputs, ownerParams } from "./common/ownership";
import { vpnPasswordField, vpnUsernameField } from "./common/vpn-fields";
import { ownerNameAttributes, ownerNameFields, textAttributes, textFields } from "./common/attributes";
import { createVpnObject, readVpnObject } from "./common/vpn-objects";
import { inputObject } from "./common/inputs";

export const vpnUserInputs = inputObject({
  username: vpnUsernameField().describe(
    "The user name, unique within the account (3-64 letters, digits and @ . - _). Changing it replaces the user.",
  ),
  password: vpnPasswordField().describe(
    "The password (3-32 letters, digits and @ + = . - _); kept secret. CloudStack cannot change a password: changing it replaces the user (removes it and adds it again).",
  ),
  ...ownerInputs("the VPN user"),
});

export const vpnUserAttributes = z.object({
  ...textAttributes({ state: "Add until the account has a running remote-access VPN, then Active." }),
  ...ownerNameAttributes(),
});

/** removeVpnUser names the user within its owner, as CloudStack reports them. */
function ownerOf(user: Record<string, unknown>): Params {
  const project = textOrNull(user.projectid);
  return project ? { projectid: project } : { account: textOrNull(user.account) ?? undefined, domainid: textOrNull(user.domainid) ?? undefined };
}

export const vpnUserSpec = defineSpec({
  kind: "VpnUser",
  description:
    "A remote-access VPN user of an account (at most remote.access.vpn.user.limit, 8 by default, per account); it can log in to every RemoteAccessVpn of the account. The password is secret.",
  inputs: vpnUserInputs,
  attributes: vpnUserAttributes,
  defaultedByCloudStack: ["account", "domainId", "projectId"],
  secretOutputs: ["password"],
  validate: ownerFailures,
  // The name is unique per account: a user of the same name can be added only once the old one is gone.
  deleteBeforeReplace: (olds, news) => news.username === UNKNOWN || news.username === olds.username,

  create: (client, inputs) =>
    createVpnObject(client, "VpnUser", { username: inputs.username, password: inputs.password, ...ownerParams(inputs) }),
  read: (client, id, olds) => readVpnObject(client, "VpnUser", id, olds),
  async delete(client, _id, user) {
    await client.execute("removeVpnUser", { username: String(user.username), ...ownerOf(user) });
  },

  inputsOf(user, olds) {
    return {
      username: textOrNull(user.username),
      // CloudStack never shows a password: kept as written.
      password: olds.password ?? null,
      ...currentOwner(user, olds),
    };
  },

  attributesOf: (user) => ({ ...textFields(user, { state: "state" }), ...ownerNameFields(user) }),

  errors: [
    { text: "VPN User with name <name> is already added for account <account>", why: "User names are unique per account." },
    { text: "Cannot add more than [<n>] remote access VPN users to <account>", why: "remote.access.vpn.user.limit (8 by default) bounds the users of an account." },
  ],
});
