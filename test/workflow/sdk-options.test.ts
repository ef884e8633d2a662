// What the sdk base class sends for the workflow mechanisms, seen under the SDK's mocks:
// customTimeouts forwarded as __timeouts (the engine keeps them from a dynamic provider),
// importId as an input, and get's owner scope as the read's properties.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Network } from "../../sdk";

interface Registration {
  name: string;
  inputs: Record<string, unknown>;
  id?: string;
}

describe("workflow: sdk base class options", () => {
  let registrations: Registration[];

  beforeEach(async () => {
    registrations = [];
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registrations.push({ name: args.name, inputs: args.inputs, id: args.id || undefined });
          return { id: args.id || `${args.name}-id`, state: args.inputs };
        },
        call: (args) => args.inputs,
      },
      "project",
      "stack",
      false,
    );
  });

  const settled = (resource: pulumi.Resource) => new Promise<void>((resolve) => resource.urn.apply(() => resolve()));
  const args = { name: "web", zone: "z", networkOffering: "o" };

  it("forwards customTimeouts as __timeouts, only the operations given", async () => {
    await settled(new Network("timed", args, { customTimeouts: { create: "5m", delete: "90s" } }));
    assert.deepStrictEqual(registrations[0].inputs.__timeouts, { create: "5m", delete: "90s" });
  });

  it("sends no __timeouts without customTimeouts, and none for get", async () => {
    await settled(new Network("plain", args));
    await settled(Network.get("read", "3f2b1c4d-0000-4000-8000-000000000001", undefined, { customTimeouts: { create: "1m" } }));
    assert.ok(!("__timeouts" in registrations[0].inputs));
    assert.ok(!("__timeouts" in registrations[1].inputs));
  });

  it("sends importId as an input", async () => {
    await settled(new Network("adopted", { ...args, importId: "3f2b1c4d-0000-4000-8000-000000000002" }));
    assert.strictEqual(registrations[0].inputs.importId, "3f2b1c4d-0000-4000-8000-000000000002");
  });

  it("sends get's owner scope with the id to read", async () => {
    await settled(Network.get("in-project", "3f2b1c4d-0000-4000-8000-000000000003", { projectId: "9a8b7c6d-0000-4000-8000-000000000004" }));
    const [registration] = registrations;
    assert.strictEqual(registration.id, "3f2b1c4d-0000-4000-8000-000000000003");
    assert.strictEqual(registration.inputs.projectId, "9a8b7c6d-0000-4000-8000-000000000004");
  });
});
