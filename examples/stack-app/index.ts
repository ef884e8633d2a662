// An application stack of the two-stack layout: it reads the network stack's outputs through a
// StackReference and places its instance in that network; it creates no network of its own.
// The network stack's `up` comes first, and this stack's `destroy` before the network's. Its
// stack is named like the network stack's unless `networkStack` is set: on Pulumi Cloud,
// `<organization>/stack-network/<stack>`.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();
const networkStack = new pulumi.StackReference("network", {
  name: config.get("networkStack") ?? `stack-network/${pulumi.getStack()}`,
});
// requireOutput fails the preview, naming the output and the stack, when the network stack
// does not export it.
const networkId = networkStack.requireOutput("networkId") as pulumi.Output<string>;
const zoneId = networkStack.requireOutput("zoneId") as pulumi.Output<string>;

const app = new cloudstack.Instance("app", {
  name: `app-${pulumi.getStack()}`,
  zone: zoneId,
  serviceOffering: config.get("serviceOffering") ?? "Small Instance",
  template: config.get("template") ?? "CentOS 5.6 (64-bit) no GUI (Simulator)",
  networks: [{ network: networkId }],
});

export const instanceId = app.id;
export const privateIp = app.ipAddress;
export const inNetwork = networkId;
