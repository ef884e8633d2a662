// The sdk classes are generated from the specs (scripts/generate-sdk.js): the files on disk must
// be what the generator writes now, and the generator must map every field shape a spec uses.
import * as assert from "assert";
import * as path from "path";
import { z } from "zod";
import { specs } from "../../provider";
import { functions } from "../../provider/functions";

const root = path.resolve(__dirname, "..", "..", "..");
interface Generator {
  differences(): string[];
  render(): Map<string, string>;
  classFile(kind: string, spec: unknown): string;
  kebab(kind: string): string;
}
const generator = require(path.join(root, "scripts", "generate-sdk.js")) as Generator;

describe("generated sdk", () => {
  it("is what scripts/generate-sdk.js writes from the current specs", () => {
    assert.deepStrictEqual(generator.differences(), [], "run `npm run build && node scripts/generate-sdk.js`");
  });

  it("has one class file per registered kind, all exported from sdk/index.ts", () => {
    const files = generator.render();
    const index = files.get(path.join("sdk", "index.ts"))!;
    for (const kind of Object.keys(specs)) {
      assert.ok(files.has(path.join("sdk", `${generator.kebab(kind)}.ts`)), kind);
      assert.match(index, new RegExp(`export \\{ ${kind} \\} from "\\./${generator.kebab(kind)}";`));
      assert.match(index, new RegExp(`export type \\{ ${kind}Args \\}`));
    }
  });

  it("has a Promise and an Output form of every lookup function, exported from sdk/index.ts", () => {
    const files = generator.render();
    const text = files.get(path.join("sdk", "functions.ts"))!;
    assert.match(files.get(path.join("sdk", "index.ts"))!, /export \* from "\.\/functions";/);
    for (const name of Object.keys(functions)) {
      const type = name[0].toUpperCase() + name.slice(1);
      assert.match(text, new RegExp(`export function ${name}\\(args: ${type}Args = \\{\\}\\): Promise<${type}Result>`));
      assert.match(text, new RegExp(`export function ${name}Output\\(args: ${type}OutputArgs = \\{\\}\\): pulumi\\.Output<${type}Result>`));
    }
    // Results: null for what CloudStack may leave out, arguments as inputs in the Output form.
    assert.match(text, /readonly vpcId: string \| null;/);
    assert.match(text, /readonly isDefault: boolean;/);
    assert.match(text, /tags\?: pulumi\.Input<Record<string, pulumi\.Input<string>>>;/);
  });

  it("types an optional input CloudStack always fills in (alwaysOutput) without null", () => {
    const text = generator.classFile("PublicIpAddress", specs.PublicIpAddress);
    assert.match(text, /declare readonly ipAddress: pulumi\.Output<string>;/);
    assert.match(text, /declare readonly network: pulumi\.Output<string \| null>;/);
  });

  it("names files in kebab case", () => {
    assert.strictEqual(generator.kebab("Network"), "network");
    assert.strictEqual(generator.kebab("LoadBalancerRule"), "load-balancer-rule");
    assert.strictEqual(generator.kebab("VPCOffering"), "vpc-offering");
    assert.strictEqual(generator.kebab("Ipv4Range"), "ipv4-range");
  });

  it("maps field shapes, descriptions, resolved ids and secret outputs", () => {
    const spec = {
      kind: "VpnUser",
      description: "A remote-access VPN user.",
      inputs: z.object({
        userName: z.string().describe("The user name."),
        protocol: z.enum(["tcp", "udp"]).optional().describe("The protocol."),
        cidrList: z.array(z.string()).optional().describe("Source CIDRs."),
        port: z.number().int().optional().describe("A port."),
        policy: z.object({ name: z.string(), lifetime: z.number().optional() }).optional().describe("A policy."),
        zone: z.string().describe("The zone."),
      }),
      attributes: z.object({
        state: z.string().describe("The state."),
        presharedKey: z.string().nullable().describe("The pre-shared key CloudStack generated."),
      }),
      references: { zone: { idProperty: "zoneId", kind: { noun: "zone", listCommand: "listZones" } } },
      secretOutputs: ["presharedKey"],
    };
    const text = generator.classFile("VpnUser", spec);
    assert.match(text, /\/\*\* The user name\. \*\/\n {2}userName: pulumi\.Input<string>;/);
    assert.match(text, /protocol\?: pulumi\.Input<"tcp" \| "udp">;/);
    assert.match(text, /cidrList\?: pulumi\.Input<pulumi\.Input<string>\[\]>;/);
    assert.match(text, /port\?: pulumi\.Input<number>;/);
    assert.match(text, /policy\?: pulumi\.Input<\{ name: pulumi\.Input<string>; lifetime\?: pulumi\.Input<number> \}>;/);
    assert.match(text, /importId\?: pulumi\.Input<string>;/);
    // An absent output is null, whether an input not given or an attribute CloudStack left out.
    assert.match(text, /declare readonly cidrList: pulumi\.Output<string\[\] \| null>;/);
    assert.match(text, /declare readonly protocol: pulumi\.Output<"tcp" \| "udp" \| null>;/);
    assert.match(text, /The id of the zone named by `zone`\. \*\/\n {2}declare readonly zoneId: pulumi\.Output<string>;/);
    assert.match(text, /declare readonly presharedKey: pulumi\.Output<string \| null>;/);
    assert.match(text, /export const vpnUserSecretOutputs = \["presharedKey"\] as const;/);
    assert.match(text, /super\("VpnUser", name, args, vpnUserOutputNames, opts, vpnUserSecretOutputs\);/);
    assert.match(text, /static get\(name: string, id: pulumi\.Input<pulumi\.ID>, scope\?: OwnerScope, opts\?: pulumi\.CustomResourceOptions\): VpnUser/);
  });

  it("refuses a secret output that is not an output, and a spec that declares importId itself", () => {
    const base = {
      kind: "Thing",
      description: "A thing.",
      inputs: z.object({ name: z.string().describe("The name.") }),
      attributes: z.object({}),
      references: {},
    };
    assert.throws(() => generator.classFile("Thing", { ...base, secretOutputs: ["password"] }), /secretOutputs names password/);
    const withImport = { ...base, inputs: z.object({ importId: z.string().describe("x") }) };
    assert.throws(() => generator.classFile("Thing", withImport), /declares importId/);
  });
});
