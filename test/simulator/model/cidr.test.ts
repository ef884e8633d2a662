import * as assert from "assert";
import { cidrIsSubset, cidrToString, isGuestCidrCompliant, isValidIp, isValidNetmask, netmaskToPrefix, parseCidr } from "../../../simulator/model/cidr";

describe("simulator model: IPv4 helpers", () => {
  it("parses CIDRs to their network, ignoring host bits", () => {
    const c = parseCidr("10.1.1.77/26");
    assert.ok(c);
    assert.strictEqual(cidrToString(c), "10.1.1.64/26");
    assert.strictEqual(parseCidr("10.1.1.0"), undefined);
    assert.strictEqual(parseCidr("10.1.1.0/33"), undefined);
    assert.strictEqual(parseCidr("300.1.1.0/24"), undefined);
  });

  it("validates addresses and netmasks", () => {
    assert.strictEqual(isValidIp("192.168.2.1"), true);
    assert.strictEqual(isValidIp("192.168.2"), false);
    assert.strictEqual(isValidIp("10.0.0.1/24"), false);
    assert.strictEqual(isValidNetmask("255.255.252.0"), true);
    assert.strictEqual(isValidNetmask("255.0.255.0"), false);
    assert.strictEqual(netmaskToPrefix("255.255.252.0"), 22);
  });

  it("knows subsets and RFC 1918", () => {
    const whole = parseCidr("10.1.1.0/24");
    const part = parseCidr("10.1.1.128/25");
    assert.ok(whole && part);
    assert.strictEqual(cidrIsSubset(part, whole), true);
    assert.strictEqual(cidrIsSubset(whole, part), false);
    assert.strictEqual(isGuestCidrCompliant(whole), true);
    assert.strictEqual(isGuestCidrCompliant(parseCidr("172.32.0.0/16") ?? whole), false);
    assert.strictEqual(isGuestCidrCompliant(parseCidr("192.168.0.0/15") ?? whole), false);
    // NetUtils.validateGuestCidr: RFC 6598 shared space counts too, and nothing beyond it.
    assert.strictEqual(isGuestCidrCompliant(parseCidr("100.64.0.0/10") ?? whole), true);
    assert.strictEqual(isGuestCidrCompliant(parseCidr("100.127.3.0/24") ?? whole), true);
    assert.strictEqual(isGuestCidrCompliant(parseCidr("100.128.0.0/24") ?? whole), false);
    assert.strictEqual(isGuestCidrCompliant(parseCidr("100.0.0.0/8") ?? whole), false);
  });
});
