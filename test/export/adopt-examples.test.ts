// cloudstack-export against a varied account: six examples build it through the engine stand-in
// (and the provider adds a few kinds no example makes), the exporter writes a program for the
// caller's objects, and that program's first `up` adopts every object, creating, changing and
// deleting nothing, after which a preview shows no change.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startSimulator, RunningSimulator } from "../../simulator";
import { findRepoRoot, linkPackage } from "../../engine-standin";
import { startedForSuite } from "../support/fixture-hooks";
import { exampleStack, hostKeptBetweenRuns } from "../support/example-stack";
import { exportAccount } from "../../export/export-account";
import { writeProgramFolder } from "../../export/program-folder";
import type { RenderedProgram } from "../../export/render";
import { main } from "../../export/cli";
import { callerFor } from "../support/provider-fixture";
import { createFrom } from "../support/network-fixture";
import { simProjectId } from "../support/seed-ids";
import { adminList } from "../support/simulator-lists";

const EXAMPLES = ["lb-web-tier", "three-tier-vpc", "site-to-site-vpn", "static-nat-web", "remote-access-vpn", "security-groups"];

/** The secrets the examples were given, by the kind and input that took them. */
const EXAMPLE_SECRETS: Record<string, string> = { ipsecPsk: "example-office-psk", password: "a-password-of-the-test" };

/** A program folder outside the repository that loads this repository's SDK and @pulumi/pulumi. */
function programFolder(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exported-"));
  writeProgramFolder(dir, source, "0.0.0");
  linkPackage(dir);
  fs.mkdirSync(path.join(dir, "node_modules", "@pulumi"), { recursive: true });
  fs.symlinkSync(path.join(findRepoRoot(), "node_modules", "@pulumi", "pulumi"), path.join(dir, "node_modules", "@pulumi", "pulumi"), "dir");
  return dir;
}

function exported(sim: RunningSimulator, warnings: string[] = [], args: { project?: string; zone?: string; account?: string } = {}): Promise<RenderedProgram> {
  return exportAccount(
    { help: false, ...args },
    { credentials: { apiUrl: sim.endpoint, apiKey: sim.admin.apiKey, secretKey: sim.admin.secretKey }, env: {}, warn: (w) => warnings.push(w) },
  );
}

describe("cloudstack-export: adopting a varied account", function () {
  this.timeout(120000);
  let sim: RunningSimulator;
  let program: RenderedProgram;
  const warnings: string[] = [];
  const cleanups: Array<() => void> = [];
  startedForSuite(() => startSimulator({ jobMs: 5 }), (started) => (sim = started));
  after(() => cleanups.forEach((cleanup) => cleanup()));

  before(async () => {
    for (const example of EXAMPLES) {
      const { stack, cleanup } = exampleStack(example, sim, hostKeptBetweenRuns);
      cleanups.push(cleanup);
      const up = await stack.up();
      assert.ok(up.ok, `${example}: ${up.plan}\n${up.errors.join("\n")}`);
    }
    // Kinds no example makes, on lb-web-tier's network and first instance.
    const admin = await callerFor(sim, "admin");
    try {
      const [vm] = await adminList(sim, "listVirtualMachines", "virtualmachine", { name: "web-tier-1" });
      const [nic] = await adminList(sim, "listNics", "nic", { virtualmachineid: String(vm.id) });
      await createFrom(admin.provider("EgressFirewallRule"), { network: "web-tier", protocol: "udp", startPort: 53, destCidrList: ["8.8.8.8/32"] });
      const ip = await createFrom(admin.provider("PublicIpAddress"), { network: "web-tier" });
      await createFrom(admin.provider("PortForwardingRule"), { ipAddressId: ip.id, protocol: "tcp", publicPort: 2222, privatePort: 22, virtualMachine: String(vm.id) });
      await createFrom(admin.provider("NicSecondaryIp"), { nicId: String(nic.id), ipAddress: "10.1.3.50" });
    } finally {
      await admin.runtime.close();
    }
    program = await exported(sim, warnings);
  });

  it("declares the examples' objects of every kind, and leaves out what CloudStack made by itself", async () => {
    const kinds = new Set(program.resources.map((r) => r.kind));
    for (const kind of ["Vpc", "NetworkAclList", "NetworkAclRuleset", "Network", "Instance", "NicSecondaryIp", "PublicIpAddress", "StaticNat", "FirewallRule",
      "EgressFirewallRule", "PortForwardingRule", "LoadBalancerRule",
      "LbStickinessPolicy", "PrivateGateway", "StaticRoute", "VpnGateway", "VpnCustomerGateway", "VpnConnection", "RemoteAccessVpn", "VpnUser",
      "SecurityGroup", "SecurityGroupRuleset"]) {
      assert.ok(kinds.has(kind), `no ${kind} in:\n${program.source}`);
    }
    // Public IPs: those the examples acquired, not the source NAT IPs of their networks and VPCs
    // nor the elastic IPs of the basic zone's instances.
    const ips = await adminList(sim, "listPublicIpAddresses", "publicipaddress", { allocatedonly: "true" });
    const implicit = new Set(ips.filter((ip) => ip.issourcenat === true || ip.issystem === true).map((ip) => String(ip.id)));
    assert.ok(implicit.size >= 5, "the examples' networks, VPCs and basic zone instances hold implicit IPs");
    const declaredIps = program.resources.filter((r) => r.kind === "PublicIpAddress" || r.kind === "StaticNat").map((r) => r.id);
    assert.deepStrictEqual(declaredIps.filter((id) => implicit.has(id)), []);
    assert.strictEqual(program.resources.filter((r) => r.kind === "PublicIpAddress").length, ips.length - implicit.size);
    assert.ok(!program.resources.some((r) => r.kind === "SecurityGroup" && r.name === "default"), program.source);
    assert.ok(!program.resources.some((r) => r.kind === "NetworkAclList" && /^default/.test(r.name)), program.source);
    // References between exported objects are written as references, not ids.
    assert.match(program.source, /vpcId: threeTier\.id,/);
    assert.match(program.source, /networks: \[\{ network: webTier\.id \}\]/);
    // Inputs that take an object by name or id: LB members and an instance's security groups.
    assert.match(program.source, /members: \[\{ virtualMachine: webTier1\.id, ip: "[\d.]+" \}, \{ virtualMachine: webTier2\.id, ip: "[\d.]+" \}, \{ virtualMachine: webTier3\.id, ip: "[\d.]+" \}\]/);
    assert.match(program.source, /securityGroups: \[bastion\.id\],/);
    assert.doesNotMatch(program.source, /virtualMachine: "/);
    assert.match(program.source, /ipsecPsk: config\.requireSecret\("headOfficeIpsecPsk"\)/);
    assert.match(program.source, /password: config\.requireSecret\("vpnUserAlicePassword"\)/);
    assert.ok(warnings.some((w) => w.includes("headOfficeIpsecPsk")), warnings.join("\n"));
    assert.ok(warnings.some((w) => /CloudStack never shows password; set it with `pulumi config set --secret vpnUserAlicePassword/.test(w)), warnings.join("\n"));
  });

  it("the exported program adopts every object with its first up, then shows no change", async () => {
    const dir = programFolder(program.source);
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const { stack, cleanup } = exampleStack(dir, sim, hostKeptBetweenRuns);
    cleanups.push(cleanup);
    for (const secret of program.secrets) stack.setConfig(`${stack.project}:${secret.configKey}`, EXAMPLE_SECRETS[secret.input], { secret: true });

    const up = await stack.up();
    assert.ok(up.ok, `${program.source}\n${up.plan}\n${up.errors.join("\n")}`);
    // A dynamic resource adopts on its create step: each one took the object named by its importId.
    const adopted = stack.state().resources.filter((r) => r.custom);
    assert.deepStrictEqual(
      adopted.map((r) => [r.type, r.name, r.id]).sort(),
      program.resources.map((r) => [`pulumi-nodejs:dynamic/cloudstack:${r.kind}`, r.name, r.id]).sort(),
    );
    assert.deepStrictEqual(Object.keys(up.summary).filter((op) => !["create", "same"].includes(op)), [], up.plan);

    // Nothing was created, changed or deleted in CloudStack: exporting again gives the same program.
    assert.strictEqual((await exported(sim)).source, program.source);

    const preview = await stack.preview();
    assert.ok(preview.ok, preview.plan);
    assert.strictEqual(preview.changed, false, preview.plan);
  });

  it("--zone keeps to the objects of one zone and what hangs on them, and to those of no zone", async () => {
    const ids = (p: RenderedProgram) => p.resources.map((r) => `${r.kind} ${r.id}`);
    const advanced = await exported(sim, [], { zone: "Sandbox-simulator" });
    const basic = await exported(sim, [], { zone: "Sandbox-basic" });
    const elsewhere = await exported(sim, [], { zone: "Sandbox-simulator-2" });
    assert.match(advanced.source, /^\/\/ Adopted: the caller's own objects in zone Sandbox-simulator\.$/m);
    // Security groups, customer gateways and VPN users belong to the account, in no zone.
    const zoneless = ["SecurityGroup", "SecurityGroup", "SecurityGroupRuleset", "SecurityGroupRuleset", "VpnCustomerGateway", "VpnUser", "VpnUser"];
    assert.deepStrictEqual(elsewhere.resources.map((r) => r.kind).sort(), zoneless);
    assert.deepStrictEqual(basic.resources.map((r) => r.kind).sort(), ["Instance", "Instance", ...zoneless].sort());
    assert.deepStrictEqual([...new Set([...ids(advanced), ...ids(basic)])].sort(), ids(program).sort());
    assert.deepStrictEqual(ids(advanced).filter((id) => ids(basic).includes(id)).sort(), ids(elsewhere).sort());
  });

  it("--project adopts the project's objects only, with the project as their owner", async () => {
    const admin = await callerFor(sim, "admin");
    try {
      const projectId = simProjectId(sim);
      const network = await createFrom(admin.provider("Network"), {
        name: "project-net",
        zone: "Sandbox-simulator",
        networkOffering: "DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent",
        projectId,
      });
      const ip = await createFrom(admin.provider("PublicIpAddress"), { network: network.id, projectId });
      await createFrom(admin.provider("FirewallRule"), { ipAddressId: ip.id, protocol: "tcp", startPort: 22 });

      const inProject = await exported(sim, [], { project: "simproject" });
      assert.deepStrictEqual(
        inProject.resources.map((r) => [r.kind, r.name]),
        [
          ["Network", "project-net"],
          ["PublicIpAddress", `ip-project-net-${String(ip.outs.ipAddress).replace(/\./g, "-")}`],
          ["FirewallRule", `fw-${String(ip.outs.ipAddress).replace(/\./g, "-")}-tcp-22-22`],
        ],
      );
      assert.match(inProject.source, new RegExp(`projectId: "${projectId}"`));
      assert.match(inProject.source, /ipAddressId: ipProjectNet\d+\.id,/);
      // The caller's own program is unchanged: a project's objects are not the caller's.
      assert.strictEqual((await exported(sim)).source, program.source);
      await assert.rejects(exported(sim, [], { project: "no-such-project" }), /--project "no-such-project": CloudStack shows no such name or id to this caller \(it shows simproject/);
    } finally {
      await admin.runtime.close();
    }
  });

  it("--account names an owner: the admin's own objects, as an admin names them, give the same resources", async () => {
    const asAccount = await exported(sim, [], { account: "admin" });
    assert.deepStrictEqual(asAccount.resources, program.resources);
    assert.match(asAccount.source, /^\/\/ Adopted: the objects of account admin of domain ROOT\.$/m);
    await assert.rejects(exported(sim, [], { account: "nobody" }), /--account "nobody": CloudStack shows no such name or id to this caller/);
  });

  it("the command with --out writes the program folder, with credentials from the environment", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-out-"));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const out = path.join(dir, "adopted");
    let stdout = "";
    let stderr = "";
    const env = { CLOUDSTACK_API_URL: sim.endpoint, CLOUDSTACK_API_KEY: sim.admin.apiKey, CLOUDSTACK_SECRET_KEY: sim.admin.secretKey };
    const code = await main(["--out", out], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, env);
    assert.strictEqual(code, 0, stderr);
    assert.strictEqual(stdout, "");
    assert.strictEqual(fs.readFileSync(path.join(out, "index.ts"), "utf8"), program.source);
    assert.match(fs.readFileSync(path.join(out, "Pulumi.yaml"), "utf8"), /^name: adopted\nruntime: nodejs\n/);
    const pkg = JSON.parse(fs.readFileSync(path.join(out, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    assert.deepStrictEqual(Object.keys(pkg.dependencies).sort(), ["@pulumi/pulumi", "pulumi-cloudstack"]);
    assert.match(stderr, /^reading 2 Vpc\n/);
    assert.match(stderr, /^reading 2 LoadBalancerRule$/m);
    assert.match(stderr, /warning: vpn-user-alice: CloudStack never shows password/);
    assert.match(stderr, new RegExp(`${program.resources.length} objects adopted by the program\n$`));
  });
});
