// The shim text exactly as the sdk Network class registers it, captured through the SDK's mocks,
// for suites that drive the SDK's dynamic-provider host directly.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Network } from "../../sdk";

export const NETWORK_TYPE = "pulumi-nodejs:dynamic/cloudstack:Network";

export const networkUrn = (name: string): string => `urn:pulumi:test::test::${NETWORK_TYPE}::${name}`;

export async function networkShim(): Promise<string> {
  let text: string | undefined;
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        if (args.type === NETWORK_TYPE) text = args.inputs.__provider as string;
        return { id: "mock-id", state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "test",
    "test",
    false,
  );
  const network = new Network("shim-source", { name: "x", zone: "z", networkOffering: "o" });
  await new Promise<void>((resolve) => network.urn.apply(() => resolve()));
  assert.ok(text, "the sdk class registered a serialized provider");
  return text;
}
