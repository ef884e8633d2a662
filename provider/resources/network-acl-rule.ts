// NetworkAclRule: one rule of a network ACL list (createNetworkACL, updateNetworkACLItem,
// deleteNetworkACL, listNetworkACLs). Every field changes in place.
import { z } from "zod";
import { defineSpec } from "../adapter/spec";
import { uuid } from "../validation/fields";
import { aclRuleEquality, aclRuleFailures, aclRuleFromApi, aclRuleParams, aclRuleShape } from "./common/acl-rules";
import { forDisplayInput, inputObject } from "./common/inputs";
import { executeForObject, stillPresent } from "./common/job-result";
import { scopedReader } from "./common/scoped-lookup";
import { text } from "./common/attributes";

export const networkAclRuleInputs = inputObject({
  aclId: uuid().describe("The id of the ACL list (e.g. a NetworkAclList's `id`). Changing it replaces the rule."),
  ...aclRuleShape(false),
  forDisplay: forDisplayInput("the rule"),
});

/** ACL rules are hard-deleted: a read by id of a deleted one fails with 431 (ParamProcessWorker). */
const readRule = scopedReader("listNetworkACLs");

export const networkAclRuleSpec = defineSpec({
  kind: "NetworkAclRule",
  description:
    "One rule of a network ACL list: protocol, port range or ICMP type and code, CIDRs, Ingress or Egress, Allow or Deny, and its number. Every field changes in place (updateNetworkACLItem).",
  inputs: networkAclRuleInputs,
  attributes: z.object({
    aclName: text("The name of the ACL list."),
    state: text("Active, or Add while being applied."),
  }),
  // Absent action, traffic type, CIDRs and ICMP values mean CloudStack's defaults (see equal), so
  // a rule changed out of band shows as drift; only what CloudStack picks itself is computed.
  defaultedByCloudStack: ["number", "endPort"],
  inPlace: {
    number: true,
    protocol: true,
    startPort: true,
    endPort: true,
    cidrList: true,
    icmpType: true,
    icmpCode: true,
    trafficType: true,
    action: true,
    reason: true,
    forDisplay: true,
  },
  equal: { ...aclRuleEquality, forDisplay: (a, b) => (a ?? true) === (b ?? true) },
  validate: (inputs, known) => aclRuleFailures(inputs, known),

  async create(client, inputs) {
    const params = { aclid: inputs.aclId, ...aclRuleParams(inputs), fordisplay: inputs.forDisplay };
    return executeForObject(client, "createNetworkACL", params, "networkacl");
  },

  read: (client, id, olds) => readRule(client, id, olds),

  async update(client, id, olds, news) {
    // The whole rule, with partialupgrade=false: a field the program dropped is cleared too.
    const params = { id, ...aclRuleParams({ ...news, number: news.number ?? olds.number }, { whole: true }), fordisplay: news.forDisplay ?? true, partialupgrade: false };
    await client.execute("updateNetworkACLItem", params);
    return stillPresent(await readRule(client, id, olds), "NetworkAclRule", id);
  },

  delete: "deleteNetworkACL",

  inputsOf: aclRuleFromApi,

  errors: [
    { text: "ACL item with number <n> already exists in ACL: <id>", why: "Each rule of a list has its own `number`." },
    { text: "Default ACL cannot be modified", why: "Rules go in a list of your own (NetworkAclList), not in default_allow or default_deny." },
  ],
});
