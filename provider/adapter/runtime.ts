// One CloudStack client per provider process, shared by every resource kind: the host calls
// providers concurrently, and the client bounds its own in-flight requests.
//
// The host caches a provider and calls configure() without waiting before it serves the next
// call, so configure() records a ready promise synchronously and client() awaits it.
import { CloudStackClient, ClientOptions, CredentialSource, resolveCredentials } from "../client";
import { callerKey, forgetCaller, observeClient } from "./process-state";

export type ClientFactory = (options: ClientOptions) => CloudStackClient;

export class ClientRuntime {
  private ready: Promise<CloudStackClient> | undefined;
  private current: { key: string; client: CloudStackClient } | undefined;
  /** Clients replaced by a reconfigure may still serve calls in flight; close() ends them all. */
  private readonly built: CloudStackClient[] = [];

  constructor(
    private readonly factory: ClientFactory = (options) => new CloudStackClient(options),
    private readonly env: () => NodeJS.ProcessEnv = () => process.env,
  ) {}

  /**
   * Takes credentials from stack config, then the environment. Never throws: missing
   * credentials or a configuration the client refuses (an apiUrl that is not a URL, a bad
   * maxInFlight or maxRequestsPerSecond) surface on every later call that needs the API, with their message, until a
   * configure succeeds. A failed configure never falls back to the environment or to an earlier
   * client: that could act with another account's keys. The same credentials keep the same
   * client (each shim text configures once).
   */
  configure(source: CredentialSource): void {
    try {
      const options = resolveCredentials(source, this.env());
      const key = JSON.stringify([options.apiUrl, options.apiKey, options.secretKey, options.insecure ?? false, options.maxInFlight, options.maxRequestsPerSecond]);
      if (this.current?.key !== key) {
        const client = this.factory(options);
        // What the process learns (lookups, lists) is kept per endpoint and keys, and only lists
        // read through a client whose changes are counted may serve later reads.
        this.current = { key, client: observeClient(client, callerKey(options.apiUrl, options.apiKey, options.secretKey), options.apiUrl) };
        this.built.push(client);
      }
      this.ready = Promise.resolve(this.current.client);
    } catch (err) {
      this.current = undefined;
      const failed = Promise.reject(err);
      failed.catch(() => undefined);
      this.ready = failed;
    }
  }

  /**
   * The configured client, or the error of the last configure. Only when configure was never
   * called is one built from the environment.
   */
  client(): Promise<CloudStackClient> {
    if (!this.ready) this.configure({});
    return this.ready!;
  }

  async close(): Promise<void> {
    const clients = this.built.splice(0);
    this.current = undefined;
    this.ready = undefined;
    for (const client of clients) forgetCaller(client);
    await Promise.all(clients.map((client) => client.close()));
  }
}

/** Reads the package's stack config keys, tolerating a host that has no config yet. */
export function credentialSourceFrom(get: (key: string) => string | undefined): CredentialSource {
  const read = (key: string): string | undefined => {
    try {
      return get(`cloudstack:${key}`);
    } catch {
      return undefined;
    }
  };
  return {
    apiUrl: read("apiUrl"),
    apiKey: read("apiKey"),
    secretKey: read("secretKey"),
    insecure: read("insecure"),
    maxInFlight: read("maxInFlight"),
    maxRequestsPerSecond: read("maxRequestsPerSecond"),
  };
}
