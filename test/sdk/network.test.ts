// The sdk's Network class under the SDK's mocks: type token, inputs, outputs, get(), and the
// serialized shim (nothing captured but the kind; it delegates to the package by name).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Network } from "../../sdk";
import { networkOutputNames } from "../../sdk/network";
import { runtime, specs } from "../../provider";
import { makeProgramDir } from "../engine-standin/hosts";

const TYPE = "pulumi-nodejs:dynamic/cloudstack:Network";
const SECRET = "sdk-test-secret-key-7f3a9c";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  id?: string;
}

function resolved<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

describe("sdk Network under pulumi mocks", () => {
  let registrations: Registration[];

  beforeEach(async () => {
    registrations = [];
    // A configured in-process client and a secret in stack config: a shim that captured either
    // would carry the secret key.
    runtime.configure({ apiUrl: "http://127.0.0.1:9/client/api", apiKey: "key", secretKey: SECRET });
    pulumi.runtime.setAllConfig({ "cloudstack:secretKey": SECRET }, ["cloudstack:secretKey"]);
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registrations.push({ type: args.type, name: args.name, inputs: args.inputs, id: args.id || undefined });
          return {
            id: args.id || `${args.name}-id`,
            state: { ...args.inputs, state: "Allocated", zoneId: "zone-uuid", type: "Isolated" },
          };
        },
        call: (args) => args.inputs,
      },
      "project",
      "stack",
      false,
    );
  });

  after(async () => {
    await runtime.close();
  });

  it("registers the type token and the inputs, and exposes the outputs", async () => {
    const network = new Network("web", {
      name: "web",
      zone: "Sandbox-simulator",
      networkOffering: "DefaultIsolatedNetworkOfferingWithSourceNatService",
      cidr: "10.1.1.0/24",
      tags: { env: "test" },
    });
    assert.strictEqual(await resolved(network.id), "web-id");
    assert.strictEqual(await resolved(network.state), "Allocated");
    assert.strictEqual(await resolved(network.zoneId), "zone-uuid");
    assert.strictEqual(await resolved(network.cidr), "10.1.1.0/24");

    const [registration] = registrations;
    assert.strictEqual(registration.type, TYPE);
    assert.strictEqual(registration.name, "web");
    const { __provider, __identity, ...given } = registration.inputs;
    assert.strictEqual(typeof __provider, "string");
    // Stable across runs, so that an interrupted create is recognised by the next one.
    assert.strictEqual(__identity, "project/stack/Network/web");
    assert.deepStrictEqual(given, {
      name: "web",
      zone: "Sandbox-simulator",
      networkOffering: "DefaultIsolatedNetworkOfferingWithSourceNatService",
      cidr: "10.1.1.0/24",
      tags: { env: "test" },
    });
  });

  it("serializes a shim that holds no secret and no client, only the kind", async () => {
    const network = new Network("web", { name: "web", zone: "z", networkOffering: "o" });
    await resolved(network.urn);
    const text = registrations[0].inputs.__provider;
    assert.strictEqual(typeof text, "string", "a plain string: the SDK found no secret in it");
    const shim = text as string;
    assert.ok(!shim.includes(SECRET));
    for (const captured of ["CloudStackClient", "ClientRuntime", "secretKey", "apiKey", "zod", "undici", "http://"]) {
      assert.ok(!shim.includes(captured), `the shim text mentions ${captured}`);
    }
    assert.strictEqual(shim.match(/require\(/g)?.length, 7, "one require per provider method");
    assert.strictEqual(shim.match(/require\("pulumi-cloudstack\/provider"\)/g)?.length, 7, "by package name only");
    assert.match(shim, /kind: "Network"/);
  });

  it("serializes a shim that, loaded from a program folder, delegates to the package", async () => {
    const network = new Network("web", { name: "web", zone: "z", networkOffering: "o" });
    await resolved(network.urn);
    const dir = makeProgramDir("pcs-sdk-");
    try {
      const file = path.join(dir, "shim.js");
      fs.writeFileSync(file, registrations[0].inputs.__provider as string);
      const loaded = require(file) as { handler(): Record<string, (...args: unknown[]) => Promise<unknown>> };
      const provider = loaded.handler();
      assert.deepStrictEqual(Object.keys(provider).sort(), ["check", "configure", "create", "delete", "diff", "read", "update"]);
      // diff needs no API: an unknown name is an in-place change, an unknown cidr a replacement.
      const olds = { name: "web", zone: "z", zoneId: "a", networkOffering: "o", networkOfferingId: "b", type: "Isolated" };
      assert.deepStrictEqual(await provider.diff("id", olds, { ...olds, name: UNKNOWN }), {
        changes: true,
        replaces: [],
        deleteBeforeReplace: false,
      });
      assert.deepStrictEqual(await provider.diff("id", olds, { ...olds, cidr: UNKNOWN }), {
        changes: true,
        replaces: ["cidr"],
        deleteBeforeReplace: false,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads an existing network with get(name, id)", async () => {
    const existing = Network.get("existing", "3f2b1c4d-0000-4000-8000-000000000001");
    assert.strictEqual(await resolved(existing.id), "3f2b1c4d-0000-4000-8000-000000000001");
    assert.strictEqual(await resolved(existing.state), "Allocated");
    const [registration] = registrations;
    assert.strictEqual(registration.type, TYPE);
    assert.strictEqual(registration.id, "3f2b1c4d-0000-4000-8000-000000000001");
  });

  it("declares every output the provider writes", () => {
    const spec = specs.Network;
    const written = [...Object.keys(spec.inputs.shape), ...Object.keys(spec.attributes.shape), "stateVersion"];
    assert.deepStrictEqual([...networkOutputNames].sort(), [...new Set(written)].sort());
  });
});
