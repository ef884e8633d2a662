// When access to an object named by id is checked: before the job for @ACL parameters
// (ParamProcessWorker, ApiServer), inside it for createTags.
import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { isolatedNetwork, type Catalog } from "./api-instances-fixture";
import { startRulesFixture } from "./api-rules-fixture";
import { assertError, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: access checks on ids", function () {
  this.timeout(60_000);
  let f: Fixture;
  let c: Catalog;
  startedForSuite(startRulesFixture, (started) => {
    f = started.f;
    c = started.c;
  });

  describe("@ACL ids are checked before the job (ParamProcessWorker, ApiServer)", () => {
    it("answers 531 at once for another account's network on delete, restart and update", async () => {
      const theirs = await isolatedNetwork(f, c, f.admin, "admins");
      for (const command of ["deleteNetwork", "restartNetwork", "updateNetwork"]) {
        const res = await f.call(f.user, command, { id: String(theirs.id) });
        assertError(res, 531, 4365, `Account user does not have permission to operate with resource ${String(theirs.id)}`);
        assert.strictEqual(res.body.jobid, undefined);
      }
      assert.strictEqual((await f.list(f.admin, "listNetworks", { id: String(theirs.id) })).length, 1);
    });

    it("createTags checks access inside its job, which fails 530 with an empty uuidList", async () => {
      const theirs = await isolatedNetwork(f, c, f.admin, "admins-tagged");
      const job = await f.job(f.user, "createTags", { resourcetype: "Network", resourceids: String(theirs.id), "tags[0].key": "k", "tags[0].value": "v" });
      assert.strictEqual(job.jobstatus, 2);
      assert.strictEqual(job.jobresultcode, 530);
      assert.deepStrictEqual((job.jobresult as Obj).uuidList, []);
      assert.strictEqual((job.jobresult as Obj).errorcode, 530);
    });
  });
});
