// Which provider serves a resource, as the engine's provider registry decides
// (pkg/resource/deploy/providers/registry.go): dynamic resources go to the dynamic-provider host;
// `cloudstack:index:*` resources to the native plugin instance of the provider they name (their
// `provider` reference), or to the default provider, configured from the stack's `cloudstack:*`
// config; and `pulumi:providers:cloudstack` resources are the provider instances themselves:
// CheckConfig, DiffConfig, and a plugin process started and configured with their inputs.
import { randomUUID } from "crypto";
import { PluginHost, PluginLaunch, startPluginHost } from "./plugin-host";
import type { CheckResult, DiffResult, PropertyMap, ProviderHost, ReadResult } from "./provider-host";

export const PROVIDER_TYPE = "pulumi:providers:cloudstack";
export const PLUGIN_TYPE_PREFIX = "cloudstack:index:";

/** The URN a provider reference ("<urn>::<id>") names; the id is unknown during a preview. */
export function providerUrnOf(reference: string): string {
  const at = reference.lastIndexOf("::");
  return at < 0 ? reference : reference.slice(0, at);
}

function typeOf(urn: string): string {
  return (urn.split("::")[2] ?? "").split("$").pop() ?? "";
}

export interface RouterOptions {
  dynamic: ProviderHost;
  launch: PluginLaunch;
  engine: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** The stack's config, "cloudstack:<key>" and the rest: the default provider's inputs. */
  stackConfig: Record<string, string>;
  /** Each plugin resource's provider reference, by URN (the run records them as resources register). */
  references: Map<string, string>;
  /** Each provider resource's inputs as the state has them, for runs without a program (destroy, refresh). */
  stateInputs: Map<string, PropertyMap>;
}

export class ProviderRouter implements ProviderHost {
  private readonly instances = new Map<string, Promise<PluginHost>>();
  /** Each provider resource's inputs as its last Check gave them. */
  private readonly checked = new Map<string, PropertyMap>();
  private checker: Promise<PluginHost> | undefined;

  constructor(private readonly options: RouterOptions) {}

  get port(): number {
    return this.options.dynamic.port;
  }

  stderr(): string {
    return this.options.dynamic.stderr();
  }

  alive(): boolean {
    return this.options.dynamic.alive();
  }

  configure(config: Record<string, string>): Promise<void> {
    return this.options.dynamic.configure(config);
  }

  private start(inputs: PropertyMap): Promise<PluginHost> {
    const started = startPluginHost({ launch: this.options.launch, engine: this.options.engine, cwd: this.options.cwd, env: this.options.env });
    return started.then(async (host) => {
      await host.configureProvider(inputs);
      return host;
    });
  }

  private defaultInputs(): PropertyMap {
    const inputs: PropertyMap = {};
    for (const [key, value] of Object.entries(this.options.stackConfig)) if (key.startsWith("cloudstack:")) inputs[key.slice("cloudstack:".length)] = value;
    return inputs;
  }

  /** The plugin instance of provider `urn` (or the default provider's), started on first use. */
  private instance(providerUrn: string | undefined): Promise<PluginHost> {
    const key = providerUrn ?? "default";
    let instance = this.instances.get(key);
    if (!instance) {
      const inputs = providerUrn === undefined ? this.defaultInputs() : (this.checked.get(providerUrn) ?? this.options.stateInputs.get(providerUrn));
      if (!inputs) return Promise.reject(new Error(`provider ${providerUrn} has not been registered`));
      instance = this.start(inputs);
      instance.catch(() => undefined);
      this.instances.set(key, instance);
    }
    return instance;
  }

  private configChecker(): Promise<PluginHost> {
    this.checker ??= this.start({});
    return this.checker;
  }

  /** The host serving `urn`, for a resource of a kind of ours. */
  private hostFor(urn: string): Promise<ProviderHost> {
    const type = typeOf(urn);
    if (!type.startsWith(PLUGIN_TYPE_PREFIX)) return Promise.resolve(this.options.dynamic);
    const reference = this.options.references.get(urn);
    return this.instance(reference ? providerUrnOf(reference) : undefined);
  }

  async check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
    if (typeOf(urn) !== PROVIDER_TYPE) return (await this.hostFor(urn)).check(urn, olds, news);
    const result = await (await this.configChecker()).checkConfig(olds, news);
    this.checked.set(urn, result.inputs);
    return result;
  }

  async diff(urn: string, id: string, olds: PropertyMap, news: PropertyMap): Promise<DiffResult> {
    if (typeOf(urn) !== PROVIDER_TYPE) return (await this.hostFor(urn)).diff(urn, id, olds, news);
    const diff = await (await this.configChecker()).diffConfig(olds, news);
    return { changes: diff.changes, replaces: diff.replaces, deleteBeforeReplace: false };
  }

  async create(urn: string, properties: PropertyMap, options?: { preview?: boolean; timeoutSeconds?: number }): Promise<{ id: string; properties: PropertyMap }> {
    if (typeOf(urn) !== PROVIDER_TYPE) return (await this.hostFor(urn)).create(urn, properties, options);
    this.checked.set(urn, properties);
    await this.instance(urn);
    // The engine gives each provider resource a random id (providers/registry.go Create).
    return { id: randomUUID(), properties };
  }

  async read(urn: string, id: string, properties: PropertyMap, inputs?: PropertyMap): Promise<ReadResult> {
    if (typeOf(urn) !== PROVIDER_TYPE) return (await this.hostFor(urn)).read(urn, id, properties, inputs);
    return { id, properties, inputs: inputs ?? properties };
  }

  async update(urn: string, id: string, olds: PropertyMap, news: PropertyMap, options?: { preview?: boolean; timeoutSeconds?: number }): Promise<PropertyMap> {
    if (typeOf(urn) !== PROVIDER_TYPE) return (await this.hostFor(urn)).update(urn, id, olds, news, options);
    this.checked.set(urn, news);
    const running = this.instances.get(urn);
    if (running) await (await running).configureProvider(news);
    return news;
  }

  async delete(urn: string, id: string, properties: PropertyMap, options?: { timeoutSeconds?: number }): Promise<void> {
    if (typeOf(urn) !== PROVIDER_TYPE) return (await this.hostFor(urn)).delete(urn, id, properties, options);
    const running = this.instances.get(urn);
    this.instances.delete(urn);
    if (running) await (await running).close();
  }

  /** Ends every plugin process; the dynamic host is the run's to close. */
  async close(): Promise<void> {
    const all = [...this.instances.values(), ...(this.checker ? [this.checker] : [])];
    this.instances.clear();
    this.checker = undefined;
    await Promise.all(all.map((p) => p.then((host) => host.close(), () => undefined)));
  }

  /** What the plugin processes wrote to stderr. */
  async pluginStderr(): Promise<string> {
    const all = [...this.instances.values(), ...(this.checker ? [this.checker] : [])];
    const texts = await Promise.all(all.map((p) => p.then((host) => host.stderr(), () => "")));
    return texts.join("");
  }
}
