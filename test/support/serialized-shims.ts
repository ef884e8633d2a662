// The shim text each generated sdk class serializes for the engine, captured through the SDK's
// mocks: what the engine-protocol suites hand the real dynamic-provider host as `__provider`.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as sdk from "../../sdk";
import { specs } from "../../provider";

export const typeOf = (kind: string) => `pulumi-nodejs:dynamic/cloudstack:${kind}`;

type ResourceClass = new (name: string, args: object, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** The shim text each sdk class registers, by kind (captured through the SDK's mocks). */
export async function serializedShims(samples: Readonly<Record<string, readonly Record<string, unknown>[]>>): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const kind = args.type.replace(typeOf(""), "");
        if (typeof args.inputs.__provider === "string") texts.set(kind, args.inputs.__provider);
        return { id: `mock-${args.name}`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "test",
    "test",
    false,
  );
  const classes = sdk as unknown as Record<string, ResourceClass | undefined>;
  for (const kind of Object.keys(specs)) {
    const Class = classes[kind];
    assert.ok(typeof Class === "function", `the sdk has no class for ${kind}: run the sdk generator`);
    const resource = new Class(`shim-${kind}`, samples[kind]?.[0] ?? {});
    await new Promise<void>((resolve) => resource.urn.apply(() => resolve()));
  }
  return texts;
}
