import { strict as assert } from "node:assert";
import { createHmac } from "node:crypto";
import { signRequest } from "../../provider/client";
import { canonicalString, formatExpires, javaUrlEncode } from "../../provider/client/signing";

const SECRET = "VDaACYb0LV9eNjTetIOElcVQkvJck_J_QljX_FcHRj87ZKiy0z0ty0ZsYBkoXkY9b7eq1EhwJaw7FF3akA3KBQ";
const hmac = (text: string): string => createHmac("sha1", SECRET).update(text).digest("base64");

describe("client signing", () => {
  it("sorts names case-sensitively, encodes values like URLEncoder with %20, then lowercases everything", () => {
    const params = {
      apiKey: "AbC-key_1",
      command: "createNetwork",
      response: "json",
      expires: "2026-11-27T12:00:00+0000",
      signatureVersion: "3",
      name: "web tier+1*",
      Zoneid: "Z1",
      displayText: "a~b/c",
    };
    // Worked out by hand: "Zoneid" sorts first (capital Z < lowercase a); ':' '+' '~' '/' are
    // percent-encoded, a space becomes %20, '*' stays; then the whole string is lowercased.
    const canonical =
      "zoneid=z1&apikey=abc-key_1&command=createnetwork&displaytext=a%7eb%2fc" +
      "&expires=2026-11-27t12%3a00%3a00%2b0000&name=web%20tier%2b1*&response=json&signatureversion=3";
    assert.equal(canonicalString(params), canonical);
    assert.equal(signRequest(params, SECRET), hmac(canonical));
  });

  it("leaves signature out, keeps '.', '-', '_' and encodes UTF-8 bytes and !'()", () => {
    const params = {
      signature: "must-not-count",
      command: "listNetworks",
      keyword: "é!'()",
      "tags[0].key": "env.prod-1_x",
      aB: "1",
      a_b: "2",
    };
    // '_' (0x5F) sorts after 'B' (0x42) and before lowercase letters; "aB" < "a_b" < "command".
    const canonical = "ab=1&a_b=2&command=listnetworks&keyword=%c3%a9%21%27%28%29&tags[0].key=env.prod-1_x";
    assert.equal(canonicalString(params), canonical);
    assert.equal(signRequest(params, SECRET), hmac(canonical));
  });

  it("encodes single characters the way java.net.URLEncoder does before '+' becomes %20", () => {
    assert.equal(javaUrlEncode(" "), "%20");
    assert.equal(javaUrlEncode("+"), "%2B");
    assert.equal(javaUrlEncode("*"), "*");
    assert.equal(javaUrlEncode("~"), "%7E");
    assert.equal(javaUrlEncode("a.b-c_d"), "a.b-c_d");
    assert.equal(javaUrlEncode("10.1.1.0/24,10.2.0.0/16"), "10.1.1.0%2F24%2C10.2.0.0%2F16");
    assert.equal(javaUrlEncode("€"), "%E2%82%AC");
  });

  it("formats expires as ISO-8601 with a +0000 offset", () => {
    assert.equal(formatExpires(new Date(Date.UTC(2026, 10, 27, 12, 0, 0, 123))), "2026-11-27T12:00:00+0000");
  });
});
