// NetworkAclList: a VPC's network ACL list, the container of ACL rules that tiers and private
// gateways use (createNetworkACLList, updateNetworkACLList, deleteNetworkACLList, listNetworkACLLists).
import { z } from "zod";
import type { Params } from "../client";
import { defineSpec } from "../adapter/spec";
import { uuid } from "../validation/fields";
import { forDisplayInput, inputObject, nameInput, textOrNameInput } from "./common/inputs";
import { executeForObject, stillPresent } from "./common/job-result";
import { scopedReader } from "./common/scoped-lookup";
import { text } from "./common/attributes";

export const networkAclListInputs = inputObject({
  vpcId: uuid().describe("The id of the VPC the list belongs to (e.g. a Vpc's `id`). Changing it replaces the list."),
  name: nameInput("the list"),
  description: textOrNameInput("description"),
  forDisplay: forDisplayInput("the list"),
});

/** ACL lists are hard-deleted: a read by id of a deleted one fails with 431 (ParamProcessWorker). */
const readList = scopedReader("listNetworkACLLists");

export const networkAclListSpec = defineSpec({
  kind: "NetworkAclList",
  description: "A network ACL list of a VPC. Its rules are NetworkAclRule resources, or one NetworkAclRuleset owning them all; tiers (Network aclId) and private gateways use it.",
  inputs: networkAclListInputs,
  attributes: z.object({
    vpcName: text("The name of the VPC."),
  }),
  defaultedByCloudStack: ["description", "forDisplay"],
  inPlace: { name: true, description: true, forDisplay: true },

  async create(client, inputs) {
    const params: Params = { vpcid: inputs.vpcId, name: inputs.name, description: inputs.description, fordisplay: inputs.forDisplay };
    return executeForObject(client, "createNetworkACLList", params, "networkacllist");
  },

  read: (client, id, olds) => readList(client, id, olds),

  async update(client, id, olds, news, _ids, changed) {
    const params: Params = { id };
    if (changed.includes("name")) params.name = news.name;
    if (changed.includes("description")) params.description = news.description ?? news.name;
    if (changed.includes("forDisplay")) params.fordisplay = news.forDisplay ?? true;
    await client.execute("updateNetworkACLList", params);
    return stillPresent(await readList(client, id, olds), "NetworkAclList", id);
  },

  delete: "deleteNetworkACLList",


  errors: [
    { text: "ACL is still associated with <n> tier(s). Cannot delete network ACL: <id>", why: "Tiers outside the program still use the list: give them another `aclId` first." },
    { text: "Default ACL cannot be removed", why: "default_allow and default_deny belong to CloudStack: find them with `getNetworkAclList` instead of declaring them." },
  ],
});
