// Check failures read as sentences naming the field, the value and the rule: zod's type names
// in words, a map's bad key named as a key, tag values CloudStack would refuse.
import * as assert from "assert";
import { ClientRuntime, makeProvider, specs, UNKNOWN } from "../../provider";

describe("check messages", () => {
  // Nothing here needs the API: references are unknown, as during a preview.
  const runtime = new ClientRuntime(undefined, () => ({}));
  const reasons = async (kind: keyof typeof specs, news: Record<string, unknown>) =>
    (await makeProvider(specs[kind], runtime).check({}, news)).failures.map((f) => f.reason);

  it("names the expected type in words, with the right article", async () => {
    const said = await reasons("PublicIpAddress", { zone: UNKNOWN, isPortable: "yes", regionId: 1.5 });
    assert.deepStrictEqual(said, ['isPortable: "yes" must be true or false', "regionId: 1.5 must be a whole number"]);
    const instance = await reasons("Instance", { zone: UNKNOWN, template: UNKNOWN, serviceOffering: UNKNOWN, networks: "net-a" });
    assert.deepStrictEqual(instance, ['networks: "net-a" must be a list']);
    for (const reason of [...said, ...instance]) assert.doesNotMatch(reason, /must be a (array|int|object)\b/);
  });

  it("refuses an empty tag key as a key of tags, and an empty tag value as CloudStack does", async () => {
    assert.deepStrictEqual(await reasons("PublicIpAddress", { zone: UNKNOWN, tags: { "": "web" } }), [
      'tags: "" is not a valid key: a tag needs a non-empty key',
    ]);
    assert.deepStrictEqual(await reasons("PublicIpAddress", { zone: UNKNOWN, tags: { role: "" } }), [
      'tags.role: "" is empty, which CloudStack refuses ("Value for the key ... is either null or empty")',
    ]);
  });

  const DOMAIN_TEXT = `"Invalid network domain. Total length shouldn't exceed 190 chars. Each domain label must be between 1 and 63 characters long, can contain ASCII letters 'a' through 'z', the digits '0' through '9', and the hyphen ('-'); can't start or end with "-""`;

  it("refuses a network domain that NetUtils.verifyDomainName refuses, on Network and Vpc, saying why", async () => {
    const network = { name: "n", zone: UNKNOWN, networkOffering: UNKNOWN };
    const vpc = { name: "v", zone: UNKNOWN, vpcOffering: UNKNOWN, cidr: "10.0.0.0/16" };
    const cases: Array<[string, string]> = [
      ["under_score.example", 'has the label "under_score" with characters other than ASCII letters, digits and "-"'],
      ["-lead.example", 'has the label "-lead" starting or ending with "-"'],
      ["a..b", "has an empty label (two dots in a row)"],
      [".example", "starts or ends with a dot"],
      ["x".repeat(64) + ".example", `has the label "${"x".repeat(64)}" of 64 characters, over the 63 allowed`],
      [Array(40).fill("abcd").join("."), "is 199 characters long, over the 190 allowed"],
    ];
    for (const [domain, why] of cases) {
      const expected = `networkDomain: ${JSON.stringify(domain)} is not a valid network domain: it ${why} (CloudStack: ${DOMAIN_TEXT})`;
      assert.deepStrictEqual(await reasons("Network", { ...network, networkDomain: domain }), [expected]);
      assert.deepStrictEqual(await reasons("Vpc", { ...vpc, networkDomain: domain }), [expected]);
    }
    for (const domain of ["cs1cloud.internal", "3com.example", "a-b.C-D.org"]) {
      assert.deepStrictEqual(await reasons("Network", { ...network, networkDomain: domain }), []);
    }
  });

  it("refuses an IP range VLAN outside 1-4094, taking CloudStack's spellings", async () => {
    const range = { zone: UNKNOWN, gateway: "10.9.0.1", netmask: "255.255.255.0", startIp: "10.9.0.10", endIp: "10.9.0.20" };
    for (const vlan of ["0", "4095", "vlan://5000", "vxlan://100", "ten", "-1", "100a"]) {
      assert.deepStrictEqual(await reasons("IpRange", { ...range, vlan }), [
        `vlan: ${JSON.stringify(vlan)} is not a VLAN: give an id from 1 to 4094 ("100" or "vlan://100") or "untagged" (CloudStack's NetUtils.isValidVlan range)`,
      ]);
    }
    for (const vlan of ["1", "4094", "vlan://100", "VLAN://200", "untagged", "vlan://untagged", "Untagged"]) {
      assert.deepStrictEqual(await reasons("IpRange", { ...range, vlan }), [], vlan);
    }
  });
});
