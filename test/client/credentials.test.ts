import { strict as assert } from "node:assert";
import { MissingCredentialsError, resolveCredentials } from "../../provider/client";
import { poolOptions } from "../../provider/client/transport";

const ENV = {
  CLOUDSTACK_API_URL: "https://env.example/client/api",
  CLOUDSTACK_API_KEY: "env-key",
  CLOUDSTACK_SECRET_KEY: "env-secret",
};

describe("client credentials", () => {
  it("prefers stack config values over the environment", () => {
    const options = resolveCredentials(
      { apiUrl: "https://config.example/client/api", apiKey: "config-key", secretKey: "config-secret" },
      ENV,
    );
    assert.deepEqual(options, {
      apiUrl: "https://config.example/client/api",
      apiKey: "config-key",
      secretKey: "config-secret",
      insecure: false,
    });
  });

  it("falls back to the environment value by value", () => {
    const options = resolveCredentials({ apiKey: "config-key", secretKey: "" }, ENV);
    assert.deepEqual(options, { apiUrl: ENV.CLOUDSTACK_API_URL, apiKey: "config-key", secretKey: "env-secret", insecure: false });
  });

  it("takes the in-flight bound from config, then the environment, and refuses a bad one", () => {
    assert.equal(resolveCredentials({}, ENV).maxInFlight, undefined);
    assert.equal(resolveCredentials({}, { ...ENV, CLOUDSTACK_MAX_IN_FLIGHT: "3" }).maxInFlight, 3);
    assert.equal(resolveCredentials({ maxInFlight: "16" }, { ...ENV, CLOUDSTACK_MAX_IN_FLIGHT: "3" }).maxInFlight, 16);
    assert.throws(
      () => resolveCredentials({ maxInFlight: "0" }, ENV),
      /cloudstack:maxInFlight: "0" is not a whole number of requests of at least 1/,
    );
    assert.throws(
      () => resolveCredentials({}, { ...ENV, CLOUDSTACK_MAX_IN_FLIGHT: "many" }),
      /CLOUDSTACK_MAX_IN_FLIGHT: "many" is not a whole number/,
    );
  });

  it("skips TLS verification only when insecure is explicitly true", () => {
    assert.equal(resolveCredentials({}, { ...ENV, CLOUDSTACK_INSECURE: "true" }).insecure, true);
    assert.equal(resolveCredentials({}, { ...ENV, CLOUDSTACK_INSECURE: "yes" }).insecure, false);
    assert.equal(resolveCredentials({ insecure: "false" }, { ...ENV, CLOUDSTACK_INSECURE: "true" }).insecure, false);
    assert.equal(resolveCredentials({ insecure: true }, ENV).insecure, true);
    const base = { apiUrl: "https://x/client/api", requestTimeoutMs: 1000, maxConnections: 2 };
    const verifies = (insecure: boolean) => (poolOptions({ ...base, insecure }).connect as { rejectUnauthorized?: boolean }).rejectUnauthorized;
    assert.equal(verifies(false), true);
    assert.equal(verifies(true), false);
  });

  it("names both ways to set missing credentials", () => {
    const error = (() => {
      try {
        resolveCredentials({ apiUrl: "https://config.example/client/api" }, {});
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(error instanceof MissingCredentialsError);
    assert.match(error.message, /missing: apiKey \(CLOUDSTACK_API_KEY\), secretKey \(CLOUDSTACK_SECRET_KEY\)\./);
    assert.match(error.message, /pulumi config set cloudstack:apiUrl /);
    assert.match(error.message, /pulumi config set cloudstack:apiKey /);
    assert.match(error.message, /pulumi config set cloudstack:secretKey <secret key> --secret/);
    assert.match(error.message, /CLOUDSTACK_API_URL, CLOUDSTACK_API_KEY and CLOUDSTACK_SECRET_KEY/);
  });
});
