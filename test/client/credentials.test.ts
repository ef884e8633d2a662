import { strict as assert } from "node:assert";
import { MissingCredentialsError, resolveCredentials } from "../../provider/client";
import { poolOptions, Transport, withoutSecrets } from "../../provider/client/transport";

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

  it("takes the request rate limit from config, then the environment, and refuses a bad one", () => {
    assert.equal(resolveCredentials({}, ENV).maxRequestsPerSecond, undefined);
    assert.equal("maxRequestsPerSecond" in resolveCredentials({}, ENV), false);
    assert.equal(resolveCredentials({}, { ...ENV, CLOUDSTACK_MAX_REQUESTS_PER_SECOND: "20" }).maxRequestsPerSecond, 20);
    assert.equal(resolveCredentials({ maxRequestsPerSecond: "0.5" }, { ...ENV, CLOUDSTACK_MAX_REQUESTS_PER_SECOND: "20" }).maxRequestsPerSecond, 0.5);
    assert.equal(resolveCredentials({ maxRequestsPerSecond: 12 }, ENV).maxRequestsPerSecond, 12);
    assert.throws(
      () => resolveCredentials({ maxRequestsPerSecond: "0" }, ENV),
      /cloudstack:maxRequestsPerSecond: "0" is not a number of requests per second above 0/,
    );
    assert.throws(
      () => resolveCredentials({}, { ...ENV, CLOUDSTACK_MAX_REQUESTS_PER_SECOND: "fast" }),
      /CLOUDSTACK_MAX_REQUESTS_PER_SECOND: "fast" is not a number of requests per second above 0/,
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

  it("never shows a password or query value of an apiUrl that is not a valid URL", () => {
    const refused = (apiUrl: string): string => {
      try {
        new Transport({ apiUrl, insecure: false, requestTimeoutMs: 1000, maxConnections: 1 });
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error(`${apiUrl} was accepted`);
    };
    const message = refused("https://admin:s3cr@t-pass@cloud stack.example/client/api");
    assert.equal(message, 'CloudStack apiUrl is not a valid URL: "https://admin:***@cloud stack.example/client/api" (expected e.g. https://cloudstack.example.com/client/api)');
    assert.ok(!message.includes("s3cr"), message);
    const port = refused("http://root:hunter22@mgmt:99999/client/api?apikey=abc&signature=xyz");
    assert.equal(port, 'CloudStack apiUrl is not a valid URL: "http://root:***@mgmt:99999/client/api?apikey=***&signature=***" (expected e.g. https://cloudstack.example.com/client/api)');
    assert.equal(withoutSecrets("cloudstack.example.com/client/api"), "cloudstack.example.com/client/api");
    assert.equal(withoutSecrets("http://user@host/x"), "http://user@host/x");
    assert.equal(withoutSecrets("admin:pw@host"), "admin:***@host");
  });
});
