// The engine stand-in's entry point: a stack of one program, with preview, up, refresh and
// destroy. A test tool: users run the real `pulumi` CLI.
import * as os from "os";
import * as path from "path";
import { Deployment, DeploymentSnapshot } from "./deployment";
import { destroyResources } from "./destroy";
import { Limiter } from "./limiter";
import { LogEntry, startMonitor } from "./monitor";
import { renderPlan, summarize } from "./plan-format";
import { borrowProviderHost, returnProviderHost } from "./host-pool";
import { ProviderHost, startProviderHost } from "./provider-host";
import { PluginLaunch, startEngineService } from "./plugin-host";
import { PROVIDER_TYPE, ProviderRouter } from "./provider-router";
import { stripMap } from "./property-values";
import { PropertyMap, secretStrings } from "./property-values";
import { RunningProgram, readProject, runProgram } from "./program-runner";
import { refreshResources } from "./refresh";
import { RunContext } from "./run-context";
import { StackOutputsReader, readStackReference, stackReferenceType, stateDirStackOutputs, urnType } from "./stack-reference";
import { ConfigValue, PendingOperation, ResourceState, StackFiles, StackState } from "./stack-files";
import { RunKind, StepEvent } from "./steps";

export interface LocalStackOptions {
  /** The Pulumi project folder (Pulumi.yaml, and the program). */
  programDir: string;
  stack: string;
  /** Where the state, config and key files live. */
  stateDir: string;
  /** Provider operations at once; the architecture's figure, 4 x cores, by default. */
  parallel?: number;
  /** Extra environment for the program and the provider host. */
  env?: NodeJS.ProcessEnv;
  /**
   * Keep the provider host running for this stack's next operation (host-pool.ts) instead of
   * starting one per operation as the engine does: for test files that run many operations.
   */
  reuseProviderHost?: boolean;
  /**
   * Serve `cloudstack:index:*` resources and `pulumi:providers:cloudstack` provider resources
   * with the native plugin, launched this way (one process per provider instance, as the engine
   * starts them); dynamic resources still go to the dynamic-provider host.
   */
  plugin?: PluginLaunch;
}

export interface RunResult {
  kind: RunKind;
  ok: boolean;
  steps: StepEvent[];
  /** Steps per operation (create, update, replace, delete, same, read, refresh-drift...). */
  summary: Record<string, number>;
  /** True when the run changed (or, for a preview, would change) something. */
  changed: boolean;
  /** Stack outputs, secrets still marked. */
  outputs: PropertyMap;
  /** The printed plan; secrets redacted. */
  plan: string;
  logs: LogEntry[];
  errors: string[];
}

/** How long a program may go on after a failed step, to log the error it received. */
const stopGraceMs = 1500;

const mutatingOps = new Set(["create", "import", "update", "replace", "delete", "create-replacement", "delete-replaced", "refresh-drift", "refresh-gone"]);

export class LocalStack {
  readonly project: string;
  readonly files: StackFiles;
  private readonly parallel: number;

  constructor(readonly options: LocalStackOptions) {
    this.options = { ...options, programDir: path.resolve(options.programDir) };
    this.project = readProject(this.options.programDir).name;
    this.files = new StackFiles(options.stateDir, this.project, options.stack);
    this.parallel = options.parallel ?? 4 * os.cpus().length;
  }

  get statePath(): string {
    return this.files.statePath;
  }

  /** Like `pulumi config set [--secret] key value`. */
  setConfig(key: string, value: string, options: { secret?: boolean } = {}): void {
    this.files.setConfig(key, value, Boolean(options.secret));
  }

  state(): StackState {
    return this.files.readState();
  }

  preview(): Promise<RunResult> {
    return this.runProgramDeployment("preview");
  }

  up(): Promise<RunResult> {
    return this.runProgramDeployment("up");
  }

  /**
   * Like `pulumi refresh`. Refreshed resources leave their pending updates and deletes behind
   * (the new state holds only this run's operations); pending creates have no id to read, so
   * they stay unless `clearPendingCreates` drops them (`pulumi refresh --clear-pending-creates`,
   * for a create that did not happen, or whose object was removed by hand).
   */
  refresh(options: { clearPendingCreates?: boolean } = {}): Promise<RunResult> {
    return this.withHost("refresh", false, async (ctx) => {
      const state = this.files.readState();
      const creates = pendingCreates(state);
      if (creates.length && !options.clearPendingCreates) {
        ctx.logs.push({
          severity: "warning",
          urn: "",
          message:
            `${creates.length} pending create operations were left as they are:\n` +
            creates.map((op) => `  * ${op.resource.urn}`).join("\n") +
            "\nRefresh with clearPendingCreates once you have checked that their objects do not exist.",
        });
      }
      const carried = options.clearPendingCreates ? [] : creates;
      const resources = await refreshResources(ctx, state.resources);
      this.files.writeState(withPending({ ...state, resources }, carried));
      return state.outputs;
    }, []);
  }

  destroy(): Promise<RunResult> {
    return this.withHost("destroy", false, async (ctx) => {
      const state = this.files.readState();
      warnPending(ctx, state);
      let left = state.resources;
      const persist = (remaining?: ResourceState[]): void => {
        if (remaining) left = remaining;
        this.files.writeState(
          withPending({ ...state, resources: left, outputs: left.length ? state.outputs : {} }, ctx.pendingOperations()),
        );
      };
      ctx.persist = () => persist();
      try {
        await destroyResources(ctx, state.resources, persist);
      } finally {
        await ctx.idle();
        persist();
      }
      return {};
    });
  }

  private config(): Record<string, ConfigValue> {
    return this.files.readConfig();
  }

  private persist(snapshot: DeploymentSnapshot): void {
    const { pendingOperations, ...rest } = snapshot;
    this.files.writeState(withPending({ version: 1, project: this.project, stack: this.options.stack, ...rest }, pendingOperations ?? []));
  }

  private runProgramDeployment(kind: "preview" | "up"): Promise<RunResult> {
    const dryRun = kind === "preview";
    return this.withHost(kind, dryRun, async (ctx) => {
      const previous = this.files.readState();
      if (!dryRun) warnPending(ctx, previous);
      const deployment = new Deployment(ctx, this.project, this.options.stack, previous, (s) => this.persist(s));
      if (!dryRun) {
        try {
          await deployment.deleteLeftovers();
        } catch {
          await ctx.idle();
          this.persist(deployment.snapshot());
          return previous.outputs;
        }
      }
      // deployment_executor.go: a failed step cancels the deployment, which stops the program.
      // The SDK first logs the failure it received; then the program is stopped. Steps already
      // running go on: they finish and are recorded before the provider host stops (below).
      let program: RunningProgram | undefined;
      let stopTimer: NodeJS.Timeout | undefined;
      const stopSoon = <T>(p: Promise<T>): Promise<T> =>
        p.catch((err: unknown) => {
          stopTimer ??= setTimeout(() => program?.stop(), stopGraceMs);
          throw err;
        });
      const monitor = await startMonitor({
        ...deployment.handler,
        register: (reg) => stopSoon(deployment.handler.register(reg)),
        read: (req) => stopSoon(deployment.handler.read(req)),
      });
      try {
        program = runProgram({
          programDir: this.options.programDir,
          project: this.project,
          stack: this.options.stack,
          monitorAddress: monitor.address,
          dryRun,
          parallel: this.parallel,
          config: this.config(),
          env: this.options.env,
        });
        const exit = await program.exit;
        if (stopTimer) clearTimeout(stopTimer);
        for (const line of exit.stdout.split("\n")) if (line.trim()) ctx.logs.push({ severity: "info", message: line, urn: "" });
        if (exit.code !== 0) {
          if (exit.stderr.trim()) ctx.logs.push({ severity: "error", message: exit.stderr, urn: "" });
          // The engine stops at a failed program: nothing that left it is deleted.
          ctx.errors.push(`the program exited with code ${exit.code}`);
        } else if (ctx.errors.length === 0) {
          await deployment.finish().catch(() => undefined);
        }
      } finally {
        // step_executor.go WaitForCompletion: the deployment ends only once every running step
        // has finished, so the host is not stopped under a create in flight.
        await ctx.idle();
        await monitor.close();
        if (!dryRun) this.persist(deployment.snapshot());
      }
      return deployment.outputs;
    });
  }

  /**
   * `carried`: the pending operations of the previous state that stay in the new one; by
   * default its pending creates, which only a refresh clears (the snapshot carries them forward).
   */
  private async withHost(
    kind: RunKind,
    dryRun: boolean,
    body: (ctx: RunContext) => Promise<PropertyMap>,
    carried: PendingOperation[] = pendingCreates(this.files.readState()),
  ): Promise<RunResult> {
    const began = Date.now();
    const config = this.config();
    // The host starts while the body runs (for preview and up, while the program starts), as the
    // engine loads a plugin when a step first needs it: the two start-ups, a second or more each,
    // overlap instead of adding up. Every call to the host waits until it is started and configured.
    const providerConfig = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, v.value]));
    const hostOptions = { cwd: this.options.programDir, env: this.options.env, project: this.project, providerConfig };
    const reuse = Boolean(this.options.reuseProviderHost);
    const started = reuse ? borrowProviderHost(hostOptions) : startProviderHost(hostOptions);
    // The default provider of the dynamic resources receives the stack's config.
    // What the host writes to stderr during this run: the CLI shows it as info lines.
    let stderrFrom = 0;
    const ready = started.then(async (host) => {
      stderrFrom = host.stderr().length;
      await host.configure(Object.fromEntries(Object.entries(config).map(([k, v]) => [k, v.value])));
      return host;
    });
    ready.catch(() => undefined); // Reported below, once the body is done.
    const references = new Map<string, string>();
    const stackOutputs = stateDirStackOutputs(this.options.stateDir, this.project);
    const router = this.options.plugin ? await this.pluginRouter(whenReady(ready, stackOutputs), this.options.plugin, config, references) : undefined;
    const ctx = new RunContext(kind, router?.router ?? whenReady(ready, stackOutputs), new Limiter(this.parallel), dryRun, carried, references);
    let outputs: PropertyMap = {};
    try {
      outputs = await body(ctx);
    } catch (err) {
      ctx.errors.push(err instanceof Error ? err.message : String(err));
    } finally {
      await ctx.idle();
      if (router) {
        const stderr = await router.router.pluginStderr();
        if (stderr.trim()) ctx.logs.push({ severity: "error", urn: "", message: stderr });
        await router.router.close();
        await router.engine.close();
      }
      const failed = await ready.then(() => undefined, (err: unknown) => (err instanceof Error ? err.message : String(err)));
      if (failed !== undefined && !ctx.errors.includes(failed)) ctx.errors.push(failed);
      await started.then((host) => {
        for (const line of host.stderr().slice(stderrFrom).split("\n")) if (line.trim()) ctx.logs.push({ severity: "info", message: line, urn: "" });
        return reuse ? returnProviderHost(hostOptions, host) : host.close();
      }, () => undefined);
    }
    const redact = this.redactor(config, outputs);
    const logs = ctx.logs.map((l) => ({ ...l, message: redact(l.message) }));
    const errors = ctx.errors.map(redact);
    const steps = ctx.events.map((e) => (e.error ? { ...e, error: redact(e.error) } : e));
    const summary = summarize(steps);
    return {
      kind,
      ok: errors.length === 0,
      steps,
      summary,
      changed: Object.keys(summary).some((op) => mutatingOps.has(op)),
      outputs,
      plan: redact(renderPlan({ kind, stack: this.options.stack, events: steps, outputs, logs, errors, durationMs: Date.now() - began })),
      logs,
      errors,
    };
  }

  /**
   * The router that sends plugin resources to plugin instances: the provider references and
   * provider inputs the state holds serve runs without a program (destroy, refresh).
   */
  private async pluginRouter(dynamic: ProviderHost, launch: PluginLaunch, config: Record<string, ConfigValue>, references: Map<string, string>) {
    const engine = await startEngineService();
    const state = this.files.readState();
    const stateInputs = new Map<string, PropertyMap>();
    for (const r of state.resources) {
      if (r.provider) references.set(r.urn, r.provider);
      if (r.type === PROVIDER_TYPE) stateInputs.set(r.urn, stripMap(r.inputs));
    }
    const router = new ProviderRouter({
      dynamic,
      launch,
      engine: engine.address,
      cwd: this.options.programDir,
      env: this.options.env,
      stackConfig: Object.fromEntries(Object.entries(config).map(([k, v]) => [k, v.value])),
      references,
      stateInputs,
    });
    return { router, engine };
  }

  /** Secret config values and every secret the state or outputs hold are masked in printed text. */
  private redactor(config: Record<string, ConfigValue>, outputs: PropertyMap): (text: string) => string {
    const secrets = new Set<string>();
    for (const v of Object.values(config)) if (v.secret && v.value.length >= 4) secrets.add(v.value);
    secretStrings(this.files.readState(), secrets);
    secretStrings(outputs, secrets);
    const list = [...secrets].sort((a, b) => b.length - a.length);
    return (text) => list.reduce((t, s) => t.split(s).join("[secret]"), text);
  }
}

/**
 * A host for the run's steps: each call waits for the host to be started and configured. Reads
 * of stack references go to the engine's builtin provider instead (stack-reference.ts).
 */
function whenReady(ready: Promise<ProviderHost>, stackOutputs: StackOutputsReader): ProviderHost {
  let host: ProviderHost | undefined;
  ready.then((started) => (host = started), () => undefined);
  const call =
    <A extends unknown[], R>(method: (host: ProviderHost, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> =>
      method(await ready, ...args);
  return {
    get port(): number {
      if (!host) throw new Error("the provider host has not started yet");
      return host.port;
    },
    stderr: () => host?.stderr() ?? "",
    alive: () => host?.alive() ?? false,
    configure: call((host, config) => host.configure(config)),
    check: call((host, urn, olds, news) => host.check(urn, olds, news)),
    diff: call((host, urn, id, olds, news) => host.diff(urn, id, olds, news)),
    create: call((host, urn, properties, options) => host.create(urn, properties, options)),
    read: call((host, urn, id, properties, inputs) =>
      urnType(urn) === stackReferenceType ? Promise.resolve(readStackReference(id, properties, stackOutputs)) : host.read(urn, id, properties, inputs),
    ),
    update: call((host, urn, id, olds, news, options) => host.update(urn, id, olds, news, options)),
    delete: call((host, urn, id, properties, options) => host.delete(urn, id, properties, options)),
    close: async () => undefined, // The run closes the host itself.
  };
}

function pendingCreates(state: StackState): PendingOperation[] {
  return (state.pendingOperations ?? []).filter((op) => op.type === "creating");
}

function withPending(state: StackState, pending: PendingOperation[]): StackState {
  const { pendingOperations: _previous, ...rest } = state;
  return pending.length ? { ...rest, pendingOperations: pending } : rest;
}

/**
 * deployment_executor.go printPendingOperationsWarning: an update or destroy that starts from a
 * state with pending operations says so, in the CLI's words, before doing anything else.
 */
function warnPending(ctx: RunContext, state: StackState): void {
  const ops = state.pendingOperations ?? [];
  if (!ops.length) return;
  ctx.logs.push({
    severity: "warning",
    urn: "",
    message:
      `Attempting to deploy or update resources with ${ops.length} pending operations from previous deployment.\n` +
      ops.map((op) => `  * ${op.resource.urn}, interrupted while ${op.type}\n`).join("") +
      "These resources are in an unknown state because the engine was interrupted while waiting for changes to " +
      "these resources to complete. Check in CloudStack whether the operations listed completed; a refresh " +
      "then clears the pending updates and deletes, and a refresh with clearPendingCreates the pending creates.",
  });
}
