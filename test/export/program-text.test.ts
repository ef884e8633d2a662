// How cloudstack-export writes a program, from objects as collect.ts gives them (no CloudStack
// needed): names from a name or a natural key, made unique in a stable order, references
// between exported objects written as references, secrets read from the stack config.
import * as assert from "assert";
import { baseName, NamePool, slug, variableName } from "../../export/names";
import { renderProgram } from "../../export/render";
import type { ExportedObject } from "../../export/collect";
import { withoutConflicts } from "../../export/conflicting-inputs";
import { specs } from "../../provider";

const options = { scopeText: "the caller's own objects", leftOut: ["source NAT public IPs"] };
const NET = "0b6f7a52-4a43-4c4b-9a8e-6f0b1f6c0001";
const IP = "0b6f7a52-4a43-4c4b-9a8e-6f0b1f6c0002";

function object(kind: ExportedObject["kind"], id: string, inputs: Record<string, unknown>, outputs: Record<string, unknown> = {}): ExportedObject {
  return { kind, id, inputs, outputs: { ...inputs, ...outputs } };
}

const network = object("Network", NET, { name: "Web Tier", zone: "Sandbox-simulator", networkOffering: "Isolated", cidr: "10.1.1.0/24" }, { zoneId: "z-1" });
const ip = object("PublicIpAddress", IP, { network: "Web Tier", ipAddress: "192.168.2.3" }, { networkId: NET });
const rule = (id: string, startPort: number, endPort: number) =>
  object("FirewallRule", id, { ipAddressId: IP, protocol: "tcp", startPort, endPort, cidrList: ["0.0.0.0/0"] });

describe("cloudstack-export: the program it writes", () => {
  it("names an object by its name, else by what it hangs on and its natural key", () => {
    assert.deepStrictEqual(baseName("Network", { name: "Web Tier (prod)" }, undefined), { name: "web-tier-prod", key: "web-tier-prod" });
    assert.deepStrictEqual(baseName("FirewallRule", { protocol: "tcp", startPort: 80, endPort: 443 }, "192-168-2-3"), {
      name: "fw-192-168-2-3-tcp-80-443",
      key: "tcp-80-443",
    });
    assert.deepStrictEqual(baseName("VpnConnection", {}, "branch"), { name: "vpn-branch", key: "branch" });
    assert.strictEqual(slug("DefaultIsolated Offering"), "default-isolated-offering");
    assert.deepStrictEqual([variableName("web-tier"), variableName("default"), variableName("10-net")], ["webTier", "rDefault", "r10Net"]);
  });

  it("makes names unique deterministically, with variables unique with them", () => {
    const pool = new NamePool();
    assert.deepStrictEqual([pool.take("web").name, pool.take("web").name, pool.take("web-2").name], ["web", "web-2", "web-2-2"]);
  });

  it("writes the same program whatever order CloudStack lists the objects in", () => {
    const a = rule("0b6f7a52-4a43-4c4b-9a8e-6f0b1f6c00a1", 443, 443);
    const b = rule("0b6f7a52-4a43-4c4b-9a8e-6f0b1f6c00b2", 80, 80);
    const same = rule("0b6f7a52-4a43-4c4b-9a8e-6f0b1f6c00c3", 80, 80);
    const one = renderProgram([network, ip, a, b, same], options);
    const other = renderProgram([network, ip, same, b, a], options);
    assert.strictEqual(one.source, other.source);
    assert.deepStrictEqual(
      one.resources.map((r) => r.name),
      ["web-tier", "ip-web-tier-192-168-2-3", "fw-192-168-2-3-tcp-443-443", "fw-192-168-2-3-tcp-80-80", "fw-192-168-2-3-tcp-80-80-2"],
    );
    // The tie between two rules of one natural key is broken by their ids.
    assert.strictEqual(one.resources[4].id, same.id);
  });

  it("writes references between exported objects as references, and other ids as they are", () => {
    const outside = object("FirewallRule", "0b6f7a52-4a43-4c4b-9a8e-6f0b1f6c00d4", { ipAddressId: "0b6f7a52-4a43-4c4b-9a8e-6f0b1f6c9999", protocol: "icmp" });
    const { source } = renderProgram([network, ip, rule("0b6f7a52-4a43-4c4b-9a8e-6f0b1f6c00a1", 80, 80), outside], options);
    assert.match(source, /const ipWebTier19216823 = new cloudstack\.PublicIpAddress\("ip-web-tier-192-168-2-3", \{\n  network: webTier\.id,\n  ipAddress: "192\.168\.2\.3",\n  importId: "0b6f7a52-4a43-4c4b-9a8e-6f0b1f6c0002",\n\}\);/);
    assert.match(source, /ipAddressId: ipWebTier19216823\.id,/);
    assert.match(source, /ipAddressId: "0b6f7a52-4a43-4c4b-9a8e-6f0b1f6c9999",/);
    assert.match(source, /cidrList: \["0\.0\.0\.0\/0"\],/);
  });

  it("reads secret inputs from the stack config, a password CloudStack never shows too", () => {
    const user = object("VpnUser", "0b6f7a52-4a43-4c4b-9a8e-6f0b1f6c00e5", { username: "alice" });
    const rendered = renderProgram([user], options);
    assert.match(rendered.source, /password: config\.requireSecret\("vpnUserAlicePassword"\),/);
    assert.deepStrictEqual(rendered.secrets, [{ configKey: "vpnUserAlicePassword", resource: "vpn-user-alice", input: "password", unreadable: true }]);
    assert.match(rendered.source, /pulumi config set --secret vpnUserAlicePassword .*CloudStack never shows it/);
  });

  it("leaves out an input CloudStack fills in when the read gives two the spec forbids together", () => {
    const both = { vpc: "vpc-1", network: "tier-1", ipAddress: "192.168.2.5" };
    assert.deepStrictEqual(withoutConflicts(specs.PublicIpAddress, both), { vpc: "vpc-1", ipAddress: "192.168.2.5" });
    assert.deepStrictEqual(withoutConflicts(specs.PublicIpAddress, { network: "tier-1" }), { network: "tier-1" });
  });
});
