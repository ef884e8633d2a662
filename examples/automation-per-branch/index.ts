// A per-branch environment with Pulumi's Automation API: `npm run env -- up feature/login`
// creates (or updates) the stack branch-feature-login with an isolated network of its own;
// `npm run env -- destroy feature/login` destroys it and removes the stack. CI calls it on a
// push to a branch and on a pull request's close. The Automation API drives the Pulumi CLI,
// which must be installed (`pulumi` on PATH) and logged in to a backend.
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, type InlineProgramArgs } from "@pulumi/pulumi/automation";
import * as cloudstack from "pulumi-cloudstack";
import { BranchEvent, EnvironmentWorkspace, credentialsFromEnv, runBranchEnvironment } from "./branch-env";

const projectName = "automation-per-branch";

/** The environment itself: an isolated network named after the stack. */
async function program(): Promise<Record<string, unknown>> {
  const config = new pulumi.Config();
  const network = new cloudstack.Network("env-net", {
    name: config.require("networkName"),
    zone: config.require("zone"),
    networkOffering: config.get("networkOffering") ?? "DefaultIsolatedNetworkOfferingWithSourceNatService",
    cidr: config.require("cidr"),
    tags: { environment: pulumi.getStack() },
  });
  return { networkId: network.id, cidr: network.cidr };
}

function inline(stackName: string): InlineProgramArgs {
  return { projectName, stackName, program };
}

const workspace: EnvironmentWorkspace = {
  async stackExists(name) {
    const ws = await LocalWorkspace.create({ projectSettings: { name: projectName, runtime: "nodejs" } });
    return (await ws.listStacks()).some((s) => s.name === name || s.name.endsWith(`/${name}`));
  },
  createOrSelectStack: (name) => LocalWorkspace.createOrSelectStack(inline(name)),
  async removeStack(name) {
    const stack = await LocalWorkspace.selectStack(inline(name));
    await stack.workspace.removeStack(name);
  },
};

function eventFromArgs(argv: string[]): BranchEvent {
  const [action, branch] = argv;
  if ((action !== "up" && action !== "destroy") || !branch) {
    throw new Error("usage: npm run env -- up|destroy <branch>");
  }
  return action === "up" ? { kind: "push", branch } : { kind: "branch-deleted", branch };
}

async function main(): Promise<void> {
  const event = eventFromArgs(process.argv.slice(2));
  const result = await runBranchEnvironment(event, workspace, {
    project: projectName,
    credentials: credentialsFromEnv(process.env),
    zone: process.env.CLOUDSTACK_ZONE ?? "Sandbox-simulator",
    log: (text) => process.stdout.write(text),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
