// SecurityGroup: a named security group of an account or project (createSecurityGroup,
// updateSecurityGroup, deleteSecurityGroup, listSecurityGroups). Its rules are other resources
// (SecurityGroupRule, SecurityGroupRuleset). A rename is applied in place only for a root admin,
// the only caller allowed updateSecurityGroup, and never to the account's default group; the
// default group can be adopted but CloudStack never deletes it.
import { z } from "zod";
import { CloudStackApiError, type CloudStackClient } from "../client";
import { defineSpec } from "../adapter/spec";
import { ApiObject, ApiObjectWith, EXTRA, PropertyMap } from "../adapter/types";
import { nonEmpty } from "../validation/fields";
import { textOrNull } from "./common/api-values";
import { objectOf } from "./common/job-result";
import { currentOwner, ownerFailures, ownerInputs, ownerParams, ownerScope } from "./common/ownership";
import { sameDescription } from "./common/rules-common";
import { findSecurityGroup } from "./common/security-group-lookup";
import { warn } from "./common/warnings";
import { inputObject } from "./common/inputs";

const DEFAULT_GROUP = "default";

export const securityGroupInputs = inputObject({
  name: nonEmpty().describe(
    "The group's name, unique in its account. Renamed in place when the provider's credentials are a root admin's (updateSecurityGroup is an admin command); otherwise a new name replaces the group. The account's `default` group is adopted with importId, never created.",
  ),
  description: z.string().optional().describe("What the group is for; when omitted, whatever the group has is kept. Changing it replaces the group (no update command takes it)."),
  ...ownerInputs("the group"),
});

export const securityGroupAttributes = z.object({
  renamable: z
    .boolean()
    .describe("Whether a new name is applied in place: the credentials are a root admin's and the group is not the account's default group."),
  isDefault: z.boolean().describe("Whether this is the account's `default` group, which CloudStack never deletes."),
  domain: z.string().nullable().describe("The name of the owner's domain."),
  project: z.string().nullable().describe("The name of the owning project, if any."),
});

type Group = ApiObjectWith<{ readonly renamable: boolean }>;

const isDefaultGroup = (group: ApiObject): boolean => String(group.name ?? "").toLowerCase() === DEFAULT_GROUP;

/**
 * Whether these credentials may rename the group: updateSecurityGroup without a name changes
 * nothing (SecurityGroupManagerImpl.updateSecurityGroup), and a caller without the Admin role is
 * told the command is not available to it (ApiServer: 432; 531 where a role check refuses it).
 */
async function mayRename(client: CloudStackClient, group: ApiObject): Promise<boolean> {
  if (isDefaultGroup(group)) return false;
  try {
    await client.execute("updateSecurityGroup", { id: String(group.id) });
    return true;
  } catch (err) {
    if (err instanceof CloudStackApiError && (err.errorcode === 432 || err.errorcode === 531)) return false;
    throw err;
  }
}

async function withRenamable(client: CloudStackClient, group: ApiObject, known: unknown): Promise<Group> {
  const renamable = isDefaultGroup(group) ? false : typeof known === "boolean" ? known : await mayRename(client, group);
  return { ...group, [EXTRA]: { renamable } };
}

async function readGroup(client: CloudStackClient, id: string, olds: PropertyMap): Promise<Group | undefined> {
  const group = await findSecurityGroup(client, id, olds);
  return group && withRenamable(client, group, olds.renamable);
}

export const securityGroupSpec = defineSpec({
  kind: "SecurityGroup",
  description:
    "A security group of an account or project. A rename is in place for root admins (updateSecurityGroup) and a replacement otherwise; the account's `default` group can be adopted with importId but is never deleted. Its rules are SecurityGroupRule or SecurityGroupRuleset resources.",
  inputs: securityGroupInputs,
  attributes: securityGroupAttributes,
  // Without a description the program does not care about it (the default group has CloudStack's own).
  defaultedByCloudStack: ["description", "account", "domainId", "projectId"],
  inPlace: { name: (olds) => olds.renamable === true },
  equal: { description: sameDescription },
  validate: (inputs, known) => ownerFailures(inputs, known),

  // Names are unique per account: a create CloudStack refused or whose answer was lost finds an
  // earlier attempt's group by its name in the owner's account.
  recognise: {
    when: "afterFailure",
    async find(client, inputs) {
      if (inputs.name.toLowerCase() === DEFAULT_GROUP) return undefined;
      const groups = await client.list<ApiObject>("listSecurityGroups", { ...ownerScope(inputs), securitygroupname: inputs.name });
      const group = groups.find((g) => g.name === inputs.name && sameDescription(g.description, inputs.description));
      return group && withRenamable(client, group, undefined);
    },
  },

  async create(client, inputs) {
    if (inputs.name.toLowerCase() === DEFAULT_GROUP) {
      throw new Error(
        `SecurityGroup name "${inputs.name}": every account already has its default group, which CloudStack makes itself; nothing was created. ` +
          "Adopt it with importId set to its id (listSecurityGroups securitygroupname=default), or choose another name.",
      );
    }
    const result = await client.execute("createSecurityGroup", { name: inputs.name, description: inputs.description, ...ownerParams(inputs) });
    return withRenamable(client, objectOf(result, "securitygroup", "createSecurityGroup"), undefined);
  },

  read: (client, id, olds) => readGroup(client, id, olds),

  async update(client, id, olds, news, _ids, changed) {
    if (changed.includes("name")) await client.execute("updateSecurityGroup", { id, name: news.name });
    const group = await readGroup(client, id, olds);
    if (!group) throw new Error(`SecurityGroup ${id} disappeared during its update`);
    return group;
  },

  async delete(client, id, group) {
    if (isDefaultGroup(group)) {
      // SecurityGroupManagerImpl.deleteSecurityGroup refuses the default group ("The network group default is reserved").
      warn(`security group ${id} is the account's default group: CloudStack keeps it, so it was left in place and only dropped from the stack.`);
      return;
    }
    await client.execute("deleteSecurityGroup", { id });
  },

  inputsOf(group, olds) {
    return { name: textOrNull(group.name), description: textOrNull(group.description), ...currentOwner(group, olds) };
  },

  // No members or rules here: other resources change them, and a refresh would report that as drift.
  attributesOf(group) {
    return {
      renamable: group[EXTRA].renamable,
      isDefault: isDefaultGroup(group),
      domain: textOrNull(group.domain),
      project: textOrNull(group.project),
    };
  },

  errors: [
    { text: "Cannot delete group when it's in use by virtual machines", why: "Instances outside the program still use the group: remove it from them first." },
    { text: "The network group default is reserved", why: "Each account has a `default` group: adopt it with `importId` or read it with `get` instead of creating one." },
  ],
});
