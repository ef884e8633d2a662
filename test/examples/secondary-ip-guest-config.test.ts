// examples/secondary-ip-guest-config under Pulumi's mocks (pulumi.runtime.setMocks): no engine,
// no CloudStack and no SSH; what is proven is the wiring of @pulumi/command's remote.Command:
// it connects to the static NAT IP with the configured key, its command adds the NIC's
// secondary IP on the guest interface with the network's prefix length, and it is registered
// only after the secondary IP, the static NAT and the firewall rule for SSH exist.
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { linkPackage } from "../../engine-standin";
import { makeSecret } from "../../engine-standin/property-values";
import { examplesDir } from "../support/example-stack";

const programDir = path.join(examplesDir, "secondary-ip-guest-config");
const project = "secondary-ip-guest-config";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const publicAddress = "203.0.113.7";
const secondaryAddress = "10.1.3.20";
const sshKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nexample\n-----END OPENSSH PRIVATE KEY-----";

/** Outputs the provider would return, per resource name; inputs come back as outputs too. */
function outputsFor(name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (name) {
    case "app":
      return { ...inputs, nics: [{ id: "nic-1", networkId: "net-1", ipAddress: "10.1.3.10", isDefault: true, secondaryIps: [] }] };
    case "app-secondary-ip":
      return { ...inputs, ipAddress: inputs.ipAddress ?? secondaryAddress, virtualMachineId: "vm-1" };
    case "app-ip":
      return { ...inputs, ipAddress: publicAddress, isSourceNat: false };
    case "configure-secondary-ip":
      return { ...inputs, stdout: "", stderr: "" };
    default:
      return inputs;
  }
}

describe("example secondary-ip-guest-config (Pulumi mocks)", function () {
  this.timeout(60000);
  // What happened, in order: "register <name>" when a registration reaches the mocks, "done
  // <name>" when its outputs are returned.
  const events: string[] = [];
  const registered = new Map<string, Registered>();
  let exportsOf: Record<string, pulumi.Output<unknown>>;

  before(async () => {
    linkPackage(programDir);
    await pulumi.runtime.setMocks(
      {
        async newResource(args) {
          events.push(`register ${args.name}`);
          registered.set(args.name, { type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
          // The static NAT and the firewall rule finish last (they wait on CloudStack's jobs):
          // nothing the command reads comes from them, so only its dependsOn can make it wait.
          if (args.name === "app-nat" || args.name === "app-ssh") await new Promise((resolve) => setTimeout(resolve, 300));
          events.push(`done ${args.name}`);
          return { id: `${args.name}-id`, state: outputsFor(args.name, args.inputs as Record<string, unknown>) };
        },
        call: (args) => args.inputs,
      },
      project,
      "test",
      false,
    );
    pulumi.runtime.setAllConfig({ [`${project}:sshPrivateKey`]: sshKey, [`${project}:sshUser`]: "ops" }, [`${project}:sshPrivateKey`]);
    // The program as the language host runs it: ts-node, transpile only.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("ts-node").register({ transpileOnly: true, project: path.join(programDir, "tsconfig.json") });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exportsOf = require(path.join(programDir, "index.ts")) as Record<string, pulumi.Output<unknown>>;
    await new Promise<void>((resolve) => exportsOf.guestConfigured!.apply(() => resolve()));
  });

  const command = (): Registered => {
    const found = registered.get("configure-secondary-ip");
    assert.ok(found, `registered: ${[...registered.keys()].join(", ")}`);
    return found;
  };

  it("declares a remote command beside the CloudStack resources", () => {
    assert.strictEqual(command().type, "command:remote:Command");
    assert.strictEqual(registered.get("app-secondary-ip")?.type, "pulumi-nodejs:dynamic/cloudstack:NicSecondaryIp");
    assert.strictEqual(registered.get("app-nat")?.type, "pulumi-nodejs:dynamic/cloudstack:StaticNat");
    assert.strictEqual(registered.get("app-ssh")?.type, "pulumi-nodejs:dynamic/cloudstack:FirewallRule");
  });

  it("connects over SSH to the static NAT IP, as the configured user with the configured key, the connection kept secret", () => {
    // The key is a secret config value, so the whole connection reaches the provider as a secret.
    assert.deepStrictEqual(command().inputs.connection, makeSecret({ host: publicAddress, user: "ops", privateKey: sshKey, port: 22 }));
  });

  it("adds the NIC's secondary IP in the guest, with the network's prefix length, and removes it on delete", () => {
    const { create, delete: del, triggers } = command().inputs;
    assert.strictEqual(create, `ip -o addr show dev eth0 | grep -qw 'inet ${secondaryAddress}/24' || sudo ip addr add ${secondaryAddress}/24 dev eth0`);
    assert.strictEqual(del, `! ip -o addr show dev eth0 | grep -qw 'inet ${secondaryAddress}/24' || sudo ip addr del ${secondaryAddress}/24 dev eth0`);
    assert.deepStrictEqual(triggers, [secondaryAddress]);
  });

  it("the secondary IP is added to the instance's first NIC, and the static NAT and SSH rule use the public IP", () => {
    assert.strictEqual(registered.get("app-secondary-ip")?.inputs.nicId, "nic-1");
    assert.strictEqual(registered.get("app-nat")?.inputs.ipAddressId, "app-ip-id");
    assert.strictEqual(registered.get("app-nat")?.inputs.virtualMachine, "app-id");
    assert.deepStrictEqual(
      [registered.get("app-ssh")?.inputs.ipAddressId, registered.get("app-ssh")?.inputs.startPort, registered.get("app-ssh")?.inputs.protocol],
      ["app-ip-id", 22, "tcp"],
    );
  });

  it("runs only after the secondary IP, the static NAT and the SSH firewall rule exist", () => {
    const at = events.indexOf("register configure-secondary-ip");
    for (const name of ["app-secondary-ip", "app-nat", "app-ssh", "app-ip"]) {
      const done = events.indexOf(`done ${name}`);
      assert.ok(done >= 0 && done < at, `${name} done before the command is registered: ${events.join(", ")}`);
    }
  });

  it("exports the public and the secondary address", async () => {
    const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));
    assert.strictEqual(await value(exportsOf.publicIpAddress!), publicAddress);
    assert.strictEqual(await value(exportsOf.secondaryIpAddress!), secondaryAddress);
  });
});
