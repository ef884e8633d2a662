// The decisions of the per-branch environment, apart from Pulumi's Automation API so that they
// can be tested without the Pulumi CLI: which stack a branch gets, what config it is given, and
// whether an event brings the environment up, tears it down, or leaves it alone.
import { createHash } from "crypto";
import type { ConfigMap, OutputMap } from "@pulumi/pulumi/automation";

/** Branches that own long-lived stacks of their own: no throwaway environment for them. */
export const sharedBranches: ReadonlySet<string> = new Set(["main", "master"]);

/** Pulumi stack names: letters, digits, `-`, `_` and `.`, at most 100 characters. */
const stackNameRule = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * The stack of a branch: `branch-` and the branch name in lower case, each run of other
 * characters than letters, digits, `.` and `_` made one `-`. Two branches must not share a
 * stack, so a name cut to fit 100 characters, or changed by that mapping, ends with 8 hex
 * digits of the branch name's SHA-256.
 */
export function stackNameForBranch(branch: string): string {
  const name = branch.replace(/^refs\/heads\//, "");
  if (name.trim() === "") throw new Error(`branch name ${JSON.stringify(branch)}: must not be empty`);
  if (sharedBranches.has(name)) throw new Error(`branch ${name}: has a shared stack of its own, not a per-branch environment`);
  const slug = name.toLowerCase().replace(/[^a-z0-9._]+/g, "-").replace(/^-+|-+$/g, "");
  const plain = `branch-${slug}`;
  if (slug === name && plain.length <= 100) return plain;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  const result = `${plain.slice(0, 100 - hash.length - 1).replace(/-+$/, "")}-${hash}`;
  if (!stackNameRule.test(result)) throw new Error(`branch ${name}: no valid stack name (got ${result})`);
  return result;
}

/** What the CI system saw. */
export type BranchEvent =
  | { kind: "push"; branch: string }
  | { kind: "pull-request-opened"; branch: string }
  | { kind: "pull-request-closed"; branch: string }
  | { kind: "branch-deleted"; branch: string };

export type Decision = { action: "up" | "destroy"; stack: string } | { action: "skip"; reason: string };

export function decide(event: BranchEvent): Decision {
  const branch = event.branch.replace(/^refs\/heads\//, "");
  if (sharedBranches.has(branch)) return { action: "skip", reason: `${branch} is deployed by its own pipeline, not as a per-branch environment` };
  const stack = stackNameForBranch(branch);
  switch (event.kind) {
    case "push":
    case "pull-request-opened":
      return { action: "up", stack };
    case "pull-request-closed":
    case "branch-deleted":
      return { action: "destroy", stack };
  }
}

export interface CloudStackCredentials {
  apiUrl: string;
  apiKey: string;
  secretKey: string;
}

/** Reads CLOUDSTACK_API_URL, CLOUDSTACK_API_KEY and CLOUDSTACK_SECRET_KEY; names every one missing. */
export function credentialsFromEnv(env: Record<string, string | undefined>): CloudStackCredentials {
  const names = ["CLOUDSTACK_API_URL", "CLOUDSTACK_API_KEY", "CLOUDSTACK_SECRET_KEY"] as const;
  const missing = names.filter((name) => !env[name]);
  if (missing.length) throw new Error(`missing environment variables: ${missing.join(", ")} (the CloudStack API endpoint and the keys the environments are created with)`);
  return { apiUrl: env.CLOUDSTACK_API_URL!, apiKey: env.CLOUDSTACK_API_KEY!, secretKey: env.CLOUDSTACK_SECRET_KEY! };
}

/**
 * The stack config of a branch's environment: the provider's credentials (the secret key as a
 * secret) and the program's own settings. Each branch gets its own guest CIDR, 10.<hash>.<hash>.0/24,
 * so environments never overlap when they are later joined (VPN, peering).
 */
export function environmentConfig(project: string, stack: string, credentials: CloudStackCredentials, zone: string): ConfigMap {
  const digest = createHash("sha256").update(stack).digest();
  return {
    "cloudstack:apiUrl": { value: credentials.apiUrl },
    "cloudstack:apiKey": { value: credentials.apiKey },
    "cloudstack:secretKey": { value: credentials.secretKey, secret: true },
    [`${project}:zone`]: { value: zone },
    [`${project}:networkName`]: { value: stack },
    [`${project}:cidr`]: { value: `10.${digest[0]!}.${digest[1]!}.0/24` },
  };
}

/** The parts of an Automation API stack used here (Stack has them). */
export interface EnvironmentStack {
  setAllConfig(config: ConfigMap): Promise<void>;
  up(opts: { onOutput: (text: string) => void }): Promise<{ outputs: OutputMap; summary: { result: string } }>;
  destroy(opts: { onOutput: (text: string) => void }): Promise<{ summary: { result: string } }>;
}

/** How stacks are found, made and removed (LocalWorkspace's static functions, in index.ts). */
export interface EnvironmentWorkspace {
  stackExists(name: string): Promise<boolean>;
  createOrSelectStack(name: string): Promise<EnvironmentStack>;
  removeStack(name: string): Promise<void>;
}

export interface RunResult {
  decision: Decision;
  outputs?: Record<string, unknown>;
}

/**
 * Carries out the decision for an event: up creates the stack if needed, sets its config and
 * runs up; destroy destroys the stack's resources and then removes the stack, and is a no-op
 * for a branch that never had one (a branch deleted before any push reached CI).
 */
export async function runBranchEnvironment(
  event: BranchEvent,
  workspace: EnvironmentWorkspace,
  settings: { project: string; credentials: CloudStackCredentials; zone: string; log: (text: string) => void },
): Promise<RunResult> {
  const decision = decide(event);
  if (decision.action === "skip") {
    settings.log(`nothing to do: ${decision.reason}\n`);
    return { decision };
  }
  if (decision.action === "up") {
    const stack = await workspace.createOrSelectStack(decision.stack);
    await stack.setAllConfig(environmentConfig(settings.project, decision.stack, settings.credentials, settings.zone));
    const up = await stack.up({ onOutput: settings.log });
    if (up.summary.result !== "succeeded") throw new Error(`up of ${decision.stack}: ${up.summary.result}`);
    return { decision, outputs: Object.fromEntries(Object.entries(up.outputs).map(([key, output]) => [key, output.secret ? "[secret]" : output.value])) };
  }
  if (!(await workspace.stackExists(decision.stack))) {
    settings.log(`${decision.stack} does not exist: nothing to destroy\n`);
    return { decision };
  }
  const stack = await workspace.createOrSelectStack(decision.stack);
  const destroyed = await stack.destroy({ onOutput: settings.log });
  if (destroyed.summary.result !== "succeeded") throw new Error(`destroy of ${decision.stack}: ${destroyed.summary.result}; the stack is kept`);
  await workspace.removeStack(decision.stack);
  return { decision };
}
