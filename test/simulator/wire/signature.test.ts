import assert from "assert";
import { computeSignature, javaUrlEncode, signedString } from "../../../simulator/wire/signature";
import { rawCall, rawExpires } from "../raw-client";
import { FAKE_KEYS, FakeSimulator, startFake } from "./fake-backend";

const SIGNATURE_ERROR = "unable to verify user credentials and/or request signature";

function assert401(status: number, body: Record<string, unknown>, responseName: string): void {
  assert.strictEqual(status, 401);
  assert.deepStrictEqual(body, { [responseName]: { uuidList: [], errorcode: 401, errortext: SIGNATURE_ERROR } });
}

describe("simulator wire: signatures", () => {
  describe("signing string", () => {
    // Vector computed independently with Python (urllib.parse.quote with "*" safe, "~" escaped,
    // hmac/sha1/base64).
    const params = {
      command: "listZones",
      response: "json",
      apiKey: "AbC-key_1",
      Name: "Foo Bar",
      filter: "a+b/c=d&e~f!g'h(i)j*k.l-m_n",
      zoneid: "\u00e9t\u00e9 \u2603",
      signatureVersion: "3",
      expires: "2030-01-01T00:00:00+0000",
    };

    it("sorts names case-sensitively, encodes like URLEncoder with %20, lowercases everything", () => {
      assert.strictEqual(
        signedString(params),
        "name=foo%20bar&apikey=abc-key_1&command=listzones&expires=2030-01-01t00%3a00%3a00%2b0000" +
          "&filter=a%2bb%2fc%3dd%26e%7ef%21g%27h%28i%29j*k.l-m_n&response=json&signatureversion=3" +
          "&zoneid=%c3%a9t%c3%a9%20%e2%98%83",
      );
    });

    it("matches the independently computed HMAC-SHA1", () => {
      assert.strictEqual(computeSignature(params, "S3cr3t/Key+=="), "5TNICo6J+nwTPDEvQ2Pi88uSfwo=");
      assert.strictEqual(computeSignature({ ...params, signature: "ignored" }, "S3cr3t/Key+=="), "5TNICo6J+nwTPDEvQ2Pi88uSfwo=");
    });

    it("encodes only what java.net.URLEncoder encodes", () => {
      assert.strictEqual(javaUrlEncode("aZ09.-*_ ~!'()"), "aZ09.-*_%20%7E%21%27%28%29");
      assert.strictEqual(javaUrlEncode("\ud800x"), "%3Fx");
    });
  });

  describe("over HTTP", () => {
    let sim: FakeSimulator;
    before(async () => {
      sim = await startFake();
    });
    after(() => sim.wire.close());

    it("accepts a good signatureVersion 3 request (GET and POST)", async () => {
      for (const method of ["GET", "POST"] as const) {
        const r = await rawCall(sim.endpoint, FAKE_KEYS.alice, "listZones", {}, { method });
        assert.strictEqual(r.status, 200, JSON.stringify(r.body));
        assert.strictEqual((r.body.listzonesresponse as { count: number }).count, 3);
      }
    });

    it("accepts a request without signatureVersion (CloudStack's default scheme)", async () => {
      const r = await rawCall(sim.endpoint, FAKE_KEYS.alice, "listZones", {}, { legacySignature: true });
      assert.strictEqual(r.status, 200);
    });

    it("rejects a wrong signature with the 401 envelope and no cserrorcode", async () => {
      const r = await rawCall(sim.endpoint, FAKE_KEYS.alice, "listZones", {}, { signature: "AAAAAAAAAAAAAAAAAAAAAAAAAAA=" });
      assert401(r.status, r.body, "listzonesresponse");
    });

    it("rejects a signature made with another user's secret", async () => {
      const r = await rawCall(sim.endpoint, { apiKey: FAKE_KEYS.alice.apiKey, secretKey: FAKE_KEYS.bob.secretKey }, "listZones");
      assert401(r.status, r.body, "listzonesresponse");
    });

    it("rejects an unknown apiKey", async () => {
      const r = await rawCall(sim.endpoint, { apiKey: "nobody", secretKey: "x" }, "listZones");
      assert401(r.status, r.body, "listzonesresponse");
    });

    it("rejects an expired request, and accepts one expiring later", async () => {
      const expired = await rawCall(sim.endpoint, FAKE_KEYS.alice, "listZones", {}, { expires: rawExpires(-60_000) });
      assert401(expired.status, expired.body, "listzonesresponse");
      const later = await rawCall(sim.endpoint, FAKE_KEYS.alice, "listZones", {}, { expires: "2099-01-01T00:00:00Z" });
      assert.strictEqual(later.status, 200);
    });

    it("rejects signatureVersion 3 without expires, and an unparsable expires", async () => {
      const params = { command: "listZones", response: "json", apiKey: FAKE_KEYS.alice.apiKey, signatureVersion: "3" };
      const noExpires = await fetchSigned(sim.endpoint, params, FAKE_KEYS.alice.secretKey);
      assert401(noExpires.status, noExpires.body, "listzonesresponse");
      const bad = await fetchSigned(sim.endpoint, { ...params, expires: "tomorrow" }, FAKE_KEYS.alice.secretKey);
      assert401(bad.status, bad.body, "listzonesresponse");
    });

    it("rejects a request with no signature at all", async () => {
      const res = await fetch(`${sim.endpoint}?command=listZones&response=json&apiKey=${FAKE_KEYS.alice.apiKey}`);
      assert401(res.status, (await res.json()) as Record<string, unknown>, "listzonesresponse");
    });

    it("verifies capitalised and special-character parameters and hands them over decoded", async () => {
      const value = "Net wörk +/=&?%~!'()*";
      const r = await rawCall(sim.endpoint, FAKE_KEYS.admin, "createNetwork", {
        name: value,
        displaytext: "Mixed CASE and ☃",
        networkofferingid: "off-1",
        zoneid: "zone-1",
      }, { method: "POST" });
      assert.strictEqual(r.status, 200, JSON.stringify(r.body));
      assert.strictEqual((r.body.createnetworkresponse as { network: { name: string } }).network.name, value);
      // A capitalised parameter name sorts before lowercase ones; the strict mode rejects it as
      // unknown only after the signature has been accepted.
      const capital = await rawCall(sim.endpoint, FAKE_KEYS.admin, "listZones", { Name: "Zone 1" });
      assert.strictEqual(capital.status, 431);
      const lenient = await startFake({ strictParams: false });
      try {
        const ok = await rawCall(lenient.endpoint, FAKE_KEYS.admin, "listZones", { Name: "Zone ~1 (a)" });
        assert.strictEqual(ok.status, 200);
        assert.strictEqual(lenient.backend.seenParams.at(-1)?.Name, "Zone ~1 (a)");
      } finally {
        await lenient.wire.close();
      }
    });
  });
});

async function fetchSigned(
  endpoint: string,
  params: Record<string, string>,
  secret: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const signature = computeSignature(params, secret);
  const res = await fetch(`${endpoint}?${new URLSearchParams({ ...params, signature }).toString()}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
