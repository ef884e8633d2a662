// A POST body over the limit gets an error answer naming the limit, not a connection reset.
import assert from "assert";
import { fetch } from "undici";
import { MAX_BODY_BYTES } from "../../../simulator/wire/server";
import { rawCall } from "../raw-client";
import { FAKE_KEYS, startFake } from "./fake-backend";

describe("simulator wire: request body limit", () => {
  it("answers 413 in CloudStack's error form for a body over 1 MiB, and keeps serving", async () => {
    const sim = await startFake();
    try {
      const body = "command=listZones&filler=" + "x".repeat(MAX_BODY_BYTES);
      const res = await fetch(sim.endpoint, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      assert.strictEqual(res.status, 413);
      assert.deepStrictEqual(await res.json(), {
        errorresponse: {
          uuidList: [],
          errorcode: 413,
          cserrorcode: 9999,
          errortext: "Request body larger than 1048576 bytes (the limit of request.content.size) refused",
        },
      });
      assert.strictEqual((await rawCall(sim.endpoint, FAKE_KEYS.alice, "listZones", {}, { method: "POST" })).status, 200);
    } finally {
      await sim.wire.close();
    }
  });
});
