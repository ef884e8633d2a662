// LbStickinessPolicy: session stickiness of a load balancer rule (createLBStickinessPolicy,
// updateLBStickinessPolicy, deleteLBStickinessPolicy, listLBStickinessPolicies). The update
// call changes only the display flag: everything else replaces the policy.
import { z } from "zod";
import { defineSpec } from "../adapter/spec";
import { sameText } from "../adapter/diff/comparators";
import { caseInsensitiveEnum, uuid } from "../validation/fields";
import { textOrNull } from "./common/api-values";
import { descriptionInput, forDisplayInput, inputObject, nameInput } from "./common/inputs";
import { sameDescription } from "./common/rules-common";
import { lbPolicyAttributes, policyRuleOf, runPolicyJob, policyOperations, sameRule, stickinessKind } from "./common/rules-lb-policies";
import { methodNamed, paramsOf, sameParams, STICKINESS_METHODS, STICKINESS_PARAMS, stickinessParamFailures } from "./common/rules-stickiness";

const methodHelp = STICKINESS_METHODS.map((m) => `${m} (${Object.keys(STICKINESS_PARAMS[m]).join(", ")})`).join("; ");

export const lbStickinessPolicyInputs = inputObject({
  loadBalancerRuleId: uuid().describe("The id of the load balancer rule (e.g. a LoadBalancerRule's `id`). Changing it replaces the policy."),
  name: nameInput("the policy", "Changing it replaces the policy."),
  description: descriptionInput("Changing it replaces the policy."),
  method: caseInsensitiveEnum(STICKINESS_METHODS).describe(
    `The stickiness method, in any case: LbCookie, AppCookie or SourceBased. Changing it replaces the policy.`,
  ),
  params: z
    .record(z.string(), z.string())
    .optional()
    .describe(
      `The method's parameters, names to values, checked before any call. By method: ${methodHelp}. Changing them replaces the policy.`,
    ),
  forDisplay: forDisplayInput("the policy"),
});

export const lbStickinessPolicySpec = defineSpec({
  kind: "LbStickinessPolicy",
  description:
    "Session stickiness for a load balancer rule: LbCookie, AppCookie or SourceBased, each with its own parameters, checked before any call (the LB provider may still refuse a method it does not offer). Only the display flag changes in place.",
  inputs: lbStickinessPolicyInputs,
  attributes: lbPolicyAttributes,
  defaultedByCloudStack: ["forDisplay"],
  inPlace: { forDisplay: true },
  equal: {
    method: sameText,
    params: sameParams,
    description: sameDescription,
  },
  validate: stickinessParamFailures,
  // A rule holds a limited number of policies ("Already two policies attached"): make room first.
  deleteBeforeReplace: sameRule,

  async create(client, inputs) {
    const method = methodNamed(inputs.method) ?? inputs.method;
    const params = Object.entries(inputs.params ?? {}).map(([name, value]) => ({ name, value }));
    const policy = await runPolicyJob(
      client,
      stickinessKind,
      "createLBStickinessPolicy",
      {
        lbruleid: inputs.loadBalancerRuleId,
        name: inputs.name,
        description: inputs.description,
        methodname: method,
        param: params,
        fordisplay: inputs.forDisplay,
      },
      { name: inputs.name },
    );
    if (!policy) throw new Error(`CloudStack createLBStickinessPolicy returned no policy named ${inputs.name}`);
    return { lbruleid: inputs.loadBalancerRuleId, ...policy };
  },

  ...policyOperations(stickinessKind),

  inputsOf: (policy, olds) => ({ ...policyRuleOf(policy, olds), method: textOrNull(policy.methodname), params: paramsOf(policy.params) }),

  errors: [
    { text: "Failed : Stickiness policy does not support param name :<name>", why: "A parameter that the method does not take: see the method's list (LbCookie, AppCookie, SourceBased)." },
  ],
});
