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
});
