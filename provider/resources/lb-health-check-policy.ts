// LbHealthCheckPolicy: how a load balancer rule's provider probes its members
// (createLBHealthCheckPolicy, updateLBHealthCheckPolicy, deleteLBHealthCheckPolicy,
// listLBHealthCheckPolicies). One per rule. Only providers that offer health checks accept it:
// NetScaler does, the virtual router does not (LoadBalancingRulesManagerImpl.createLBHealthCheckPolicy).
import { z } from "zod";
import { CloudStackApiError, type CloudStackClient } from "../client";
import { failure } from "../adapter/check/failures";
import { defineSpec } from "../adapter/spec";
import { CheckFailure, PropertyMap } from "../adapter/types";
import { nonEmpty, uuid } from "../validation/fields";
import { numberOrNull, textOrNull } from "./common/api-values";
import { descriptionInput, forDisplayInput, inputObject } from "./common/inputs";
import { findScoped } from "./common/scoped-lookup";
import { sameDescription } from "./common/rules-common";
import { healthCheckKind, policyOperations, lbPolicyAttributes, policyRuleOf, runPolicyJob, sameRule } from "./common/rules-lb-policies";

const seconds = (min: number, max: number) =>
  z
    .number()
    .int({ message: "must be a whole number of seconds" })
    .min(min, { message: `is outside ${min}-${max} seconds` })
    .max(max, { message: `is outside ${min}-${max} seconds` });

const threshold = () => z.number().int({ message: "must be a whole number" }).min(1, { message: "must be at least 1" });

export const lbHealthCheckPolicyInputs = inputObject({
  loadBalancerRuleId: uuid().describe("The id of the load balancer rule (e.g. a LoadBalancerRule's `id`). Changing it replaces the policy."),
  description: descriptionInput("Changing it replaces the policy."),
  pingPath: nonEmpty().optional().describe("The HTTP path probed, e.g. /health; the provider's default when omitted. Changing it replaces the policy."),
  responseTimeout: seconds(2, 60)
    .optional()
    .describe("Seconds to wait for an answer (2-60); not more than intervalTime. Changing it replaces the policy."),
  intervalTime: seconds(1, 20940).optional().describe("Seconds between probes (1-20940). Changing it replaces the policy."),
  healthyThreshold: threshold().optional().describe("Successes in a row before a member counts as healthy. Changing it replaces the policy."),
  unhealthyThreshold: threshold().optional().describe("Failures in a row before a member counts as unhealthy. Changing it replaces the policy."),
  forDisplay: forDisplayInput("the policy"),
});

/** CloudStack refuses a response timeout above the interval (LoadBalancingRulesManagerImpl.createLBHealthCheckPolicy). */
function timingFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  if (!known("responseTimeout") || !known("intervalTime")) return [];
  const timeout = numberOrNull(inputs.responseTimeout);
  const interval = numberOrNull(inputs.intervalTime);
  if (timeout !== null && interval !== null && timeout > interval) {
    return [failure("responseTimeout", inputs.responseTimeout, `is above intervalTime ${interval}: a probe must be answered before the next one starts`)];
  }
  return [];
}

/** The LB provider of the rule's network, for a refusal worth explaining. */
async function lbProviderOf(client: CloudStackClient, ruleId: string): Promise<string | undefined> {
  try {
    const rule = await findScoped(client, "listLoadBalancerRules", ruleId, {});
    const networkId = rule && textOrNull(rule.networkid);
    const network = networkId ? await findScoped(client, "listNetworks", networkId, {}) : undefined;
    const services = Array.isArray(network?.service) ? (network.service as Array<Record<string, unknown>>) : [];
    const lb = services.find((s) => s.name === "Lb");
    const providers = Array.isArray(lb?.provider) ? (lb.provider as Array<Record<string, unknown>>) : [];
    const names = providers.map((p) => textOrNull(p.name)).filter((n): n is string => n !== null);
    return names.length > 0 ? names.join(", ") : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CloudStack's refusal, explained when the rule's LB provider is one without health checks (the
 * virtual router); any other refusal is passed on as it is.
 */
async function refusal(client: CloudStackClient, err: CloudStackApiError, ruleId: string): Promise<Error> {
  const provider = await lbProviderOf(client, ruleId);
  if (provider === undefined || /netscaler/i.test(provider)) return err;
  const explained = new Error(
    `CloudStack refused the health check policy for load balancer rule ${ruleId}: "${err.errortext}" (error ${err.errorcode}). ` +
      `The rule's network balances with ${provider}, which offers no health checks (the virtual router does not; NetScaler does). ` +
      "Put the rule on a network whose offering uses NetScaler for load balancing, or drop the health check.",
  );
  (explained as Error & { cause?: unknown }).cause = err;
  return explained;
}

export const lbHealthCheckPolicySpec = defineSpec({
  kind: "LbHealthCheckPolicy",
  description:
    "A health check for a load balancer rule's members: ping path, response timeout, interval, healthy and unhealthy thresholds; one per rule. Only LB providers that offer health checks accept it (NetScaler, not the virtual router). Only the display flag changes in place.",
  inputs: lbHealthCheckPolicyInputs,
  attributes: lbPolicyAttributes,
  defaultedByCloudStack: ["pingPath", "responseTimeout", "intervalTime", "healthyThreshold", "unhealthyThreshold", "forDisplay"],
  inPlace: { forDisplay: true },
  equal: { description: sameDescription },
  validate: timingFailures,
  // One health check per rule: the old one goes first.
  deleteBeforeReplace: sameRule,

  async create(client, inputs) {
    try {
      const policy = await runPolicyJob(
        client,
        healthCheckKind,
        "createLBHealthCheckPolicy",
        {
          lbruleid: inputs.loadBalancerRuleId,
          description: inputs.description,
          pingpath: inputs.pingPath,
          responsetimeout: inputs.responseTimeout,
          intervaltime: inputs.intervalTime,
          healthythreshold: inputs.healthyThreshold,
          unhealthythreshold: inputs.unhealthyThreshold,
          fordisplay: inputs.forDisplay,
        },
        {},
      );
      if (!policy) throw new Error(`CloudStack createLBHealthCheckPolicy returned no policy for rule ${inputs.loadBalancerRuleId}`);
      return { lbruleid: inputs.loadBalancerRuleId, ...policy };
    } catch (err) {
      if (!(err instanceof CloudStackApiError)) throw err;
      throw await refusal(client, err, inputs.loadBalancerRuleId);
    }
  },

  ...policyOperations(healthCheckKind),

  inputsOf(policy, olds) {
    return {
      ...policyRuleOf(policy, olds),
      responseTimeout: numberOrNull(policy.responsetime),
      intervalTime: numberOrNull(policy.healthcheckinterval),
      // CloudStack's own spelling of these two fields.
      healthyThreshold: numberOrNull(policy.healthcheckthresshold),
      unhealthyThreshold: numberOrNull(policy.unhealthcheckthresshold),
    };
  },

  errors: [
    { text: "Failed to create HealthCheck policy : Monitor interval must be greater than response timeout", why: "`intervalTime` must exceed `responseTimeout`." },
  ],
});
