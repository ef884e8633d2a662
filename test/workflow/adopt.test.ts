// Adopting what exists (importId) and reading it (get) on Network, through the provider against
// the simulator over HTTP: create takes the object over instead of creating one, applies the
// inputs that change in place, and refuses (creating nothing) a missing object or one that
// differs in an input that forces a replacement.
import * as assert from "assert";
import { Applied, createFrom, Fixture, ISOLATED, networkCount, plan, Props, providerFor, startFixture, ZONE } from "../support/network-fixture";
import { simProjectId } from "../support/seed-ids";

const isolated = (name: string, extra: Props = {}): Props => ({ name, zone: ZONE, networkOffering: ISOLATED, cidr: "10.5.0.0/24", ...extra });

describe("workflow: adopting a Network (importId) and reading one (get)", function () {
  this.timeout(30_000);
  let fx: Fixture;
  before(async () => (fx = await startFixture()));
  after(async () => fx.close());

  async function existing(name: string, extra: Props = {}): Promise<Applied> {
    return createFrom(fx.provider, isolated(name, extra));
  }

  it("takes over an object that matches, creating nothing, and then shows no change", async () => {
    const made = await existing("adopt-same", { tags: { team: "web" } });
    const before = await networkCount(fx.client);
    const adopted = await createFrom(fx.provider, isolated("adopt-same", { tags: { team: "web" }, importId: made.id }));
    assert.strictEqual(adopted.id, made.id);
    assert.strictEqual(await networkCount(fx.client), before, "no network was created");
    assert.strictEqual(adopted.outs.importId, undefined, "importId is not an output: it matters only at create");
    assert.strictEqual(adopted.outs.zoneId, made.outs.zoneId);
    const { diff } = await plan(fx.provider, adopted, isolated("adopt-same", { tags: { team: "web" }, importId: made.id }));
    assert.deepStrictEqual(diff, { changes: false, replaces: [], deleteBeforeReplace: false });
    // Dropping importId afterwards is no change either.
    assert.strictEqual((await plan(fx.provider, adopted, isolated("adopt-same", { tags: { team: "web" } }))).diff.changes, false);
  });

  it("applies the inputs that change in place (name, tags) to the adopted object", async () => {
    const made = await existing("adopt-old-name", { tags: { stale: "yes" } });
    const adopted = await createFrom(fx.provider, isolated("adopt-new-name", { tags: { team: "db" }, importId: made.id }));
    assert.strictEqual(adopted.id, made.id);
    const [network] = await fx.client.list<Record<string, unknown>>("listNetworks", { id: made.id });
    assert.strictEqual(network.name, "adopt-new-name");
    assert.deepStrictEqual(
      (network.tags as Array<{ key: string; value: string }>).map((t) => `${t.key}=${t.value}`),
      ["team=db"],
    );
    assert.strictEqual(adopted.outs.name, "adopt-new-name");
    assert.deepStrictEqual(adopted.outs.tags, { team: "db" });
  });

  it("refuses an object that differs in an input forcing a replacement, naming it and both values", async () => {
    const made = await existing("adopt-cidr");
    const before = await networkCount(fx.client);
    const checked = await fx.provider.check({}, isolated("adopt-cidr-renamed", { cidr: "10.6.0.0/24", importId: made.id }));
    assert.deepStrictEqual(checked.failures, []);
    await assert.rejects(fx.provider.create(checked.inputs), (err: Error) => {
      assert.match(err.message, new RegExp(`cannot adopt Network ${made.id}: it differs in an input that would force a replacement`));
      assert.match(err.message, /cidr is "10\.5\.0\.0\/24" there but "10\.6\.0\.0\/24" in the program/);
      assert.match(err.message, /nothing was changed or created/);
      return true;
    });
    assert.strictEqual(await networkCount(fx.client), before, "nothing was created");
    const [network] = await fx.client.list<Record<string, unknown>>("listNetworks", { id: made.id });
    assert.strictEqual(network.name, "adopt-cidr", "the in-place name change was not applied either");
  });

  it("refuses an id that does not exist, creating nothing", async () => {
    const before = await networkCount(fx.client);
    const missing = "6e8c1ad1-0000-4000-8000-00000000abcd";
    const checked = await fx.provider.check({}, isolated("adopt-missing", { importId: missing }));
    await assert.rejects(fx.provider.create(checked.inputs), new RegExp(`cannot adopt Network ${missing}: CloudStack has no such Network; nothing was created`));
    assert.strictEqual(await networkCount(fx.client), before);
  });

  it("finds a project's object only with its projectId, for adopt and for get", async () => {
    const user = await providerFor(fx.sim, "user");
    try {
      const projectId = simProjectId(fx.sim);
      const made = await createFrom(user.provider, isolated("in-project", { projectId, cidr: "10.7.0.0/24" }));

      const unscoped = await user.provider.check({}, isolated("in-project", { cidr: "10.7.0.0/24", importId: made.id }));
      await assert.rejects(user.provider.create(unscoped.inputs), /CloudStack has no such Network; nothing was created\. .*set projectId/);
      const scoped = await user.provider.check({}, isolated("in-project", { cidr: "10.7.0.0/24", projectId, importId: made.id }));
      assert.strictEqual((await user.provider.create(scoped.inputs)).id, made.id);

      // get(name, id, { projectId }) sends the scope as the read's properties.
      const read = await user.provider.read(made.id, { projectId });
      assert.strictEqual(read.id, made.id);
      assert.strictEqual(read.props.name, "in-project");
      assert.strictEqual(read.props.cidr, "10.7.0.0/24");
      assert.strictEqual(read.props.project, "simproject");
      assert.strictEqual((await user.provider.read(made.id, {})).id, "", "without the scope the project's network is not found");
      await user.provider.delete(made.id, made.outs);
    } finally {
      await user.runtime.close();
    }
  });

  it("reads any network with only its id (get)", async () => {
    const made = await existing("get-me", { cidr: "10.8.0.0/24" });
    const read = await fx.provider.read(made.id, {});
    assert.strictEqual(read.id, made.id);
    assert.strictEqual(read.props.name, "get-me");
    assert.strictEqual(read.props.zone, ZONE);
    assert.strictEqual(read.props.networkOffering, ISOLATED);
    assert.strictEqual(read.props.stateVersion, 1);
  });
});
