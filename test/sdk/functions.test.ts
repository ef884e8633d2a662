// The sdk's lookup functions in a program's process, under the SDK's mocks: credentials come
// from the stack config as the resources' do, the Promise form answers from the simulator, and
// the Output form takes another resource's outputs and waits for them.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { getAccount, getNetworkAclList, getNetworkAclListOutput, getZone, getZoneOutput, Vpc } from "../../sdk";
import { closeLookups } from "../../sdk/invoke";
import { startSimulator, type RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";

/** The value of an output, or its error: the SDK keeps the promise behind an Output internal. */
function settled<T>(output: pulumi.Output<T>): Promise<T> {
  return (output as unknown as { promise(): Promise<T> }).promise();
}

describe("sdk lookup functions under pulumi mocks", function () {
  let sim: RunningSimulator;

  startedForSuite(
    async () => startSimulator(),
    (started) => {
      sim = started;
    },
  );

  beforeEach(async () => {
    pulumi.runtime.setAllConfig(
      { "cloudstack:apiUrl": sim.endpoint, "cloudstack:apiKey": sim.admin.apiKey, "cloudstack:secretKey": sim.admin.secretKey },
      ["cloudstack:secretKey"],
    );
    await pulumi.runtime.setMocks(
      {
        // A Vpc whose outputs name the zone and an ACL list: what a program passes on to lookups.
        newResource: (args) => ({ id: `${args.name}-id`, state: { ...args.inputs, zoneName: "Sandbox-simulator-2" } }),
        call: () => {
          throw new Error("lookups run in-process: nothing goes to the engine's Invoke");
        },
      },
      "project",
      "stack",
      false,
    );
  });

  after(async () => {
    await closeLookups();
  });

  it("the Promise form reads the stack config's credentials and returns the typed result", async () => {
    const zone = await getZone({ name: "Sandbox-basic" });
    assert.strictEqual(zone.networkType, "Basic");
    assert.match(zone.id, /^[0-9a-f-]{36}$/);
    await assert.rejects(getZone({ keyword: "Sandbox" }), /getZone\(\{ keyword: "Sandbox" \}\) matched 4 zones/);
  });

  it("the Output form takes another resource's outputs and fails the program when nothing matches", async () => {
    const vpc = new Vpc("app", { name: "app", zone: "Sandbox-simulator-2", vpcOffering: "Default VPC offering", cidr: "10.0.0.0/16" });
    const zone = getZoneOutput({ name: vpc.zone });
    assert.strictEqual((await settled(zone)).name, "Sandbox-simulator-2");
    const deny = getNetworkAclListOutput({ name: pulumi.output("default_deny") });
    assert.strictEqual((await settled(deny)).isDefault, true);
    await assert.rejects(settled(getZoneOutput({ name: pulumi.output("nowhere") })), /getZone\(\{ name: "nowhere" \}\) matched no zone; candidates:/);
  });

  it("without stack config, the CLOUDSTACK_* environment variables are the credentials", async () => {
    pulumi.runtime.setAllConfig({});
    const saved = { ...process.env };
    Object.assign(process.env, { CLOUDSTACK_API_URL: sim.endpoint, CLOUDSTACK_API_KEY: sim.user.apiKey, CLOUDSTACK_SECRET_KEY: sim.user.secretKey });
    try {
      // The user's keys: a user sees their own account only.
      const account = await getAccount({});
      assert.strictEqual(account.name, "user");
    } finally {
      for (const key of ["CLOUDSTACK_API_URL", "CLOUDSTACK_API_KEY", "CLOUDSTACK_SECRET_KEY"]) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  it("missing credentials are the resources' message, naming the config keys and variables", async () => {
    pulumi.runtime.setAllConfig({});
    const saved = { ...process.env };
    for (const key of ["CLOUDSTACK_API_URL", "CLOUDSTACK_API_KEY", "CLOUDSTACK_SECRET_KEY"]) delete process.env[key];
    try {
      await assert.rejects(getNetworkAclList({ name: "default_allow" }), /CloudStack credentials are missing: apiUrl \(CLOUDSTACK_API_URL\).*pulumi config set cloudstack:apiUrl/s);
    } finally {
      Object.assign(process.env, saved);
    }
  });
});
