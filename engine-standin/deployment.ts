// `preview` and `up`: the step generator and step executor of the engine, reduced to what a
// program of dynamic resources needs. Each rule names the engine source it follows
// (pulumi/pulumi pkg/resource/deploy/...; pkg/resource/plugin/provider_plugin.go for the
// provider-call rules).
import { ResourceInitFailedError } from "./provider-host";
import { durationSeconds } from "./custom-timeouts";
import { deleteWaves } from "./delete-order";
import { LogEntry, MonitorHandler, ReadRegistration, Registration } from "./monitor";
import {
  PropertyMap,
  annotateSecrets,
  changedKeys,
  markAdditionalSecrets,
  stripMap,
} from "./property-values";
import { RunContext, StepCanceledError } from "./run-context";
import { PendingOperation, ResourceState } from "./stack-files";
import { displayType } from "./urn";
import { makeUrn } from "./urn";
import { PLUGIN_TYPE_PREFIX, providerUrnOf } from "./provider-router";

/**
 * Waits for every step of a wave, then fails if one failed: step_executor.go lets running steps
 * finish but starts no new ones after a failure.
 */
async function settleWave(steps: Array<Promise<void>>): Promise<void> {
  const results = await Promise.allSettled(steps);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}

export interface DeploymentSnapshot {
  resources: ResourceState[];
  outputs: PropertyMap;
  pendingOperations?: PendingOperation[];
}

/** The message of an error a provider call threw, as the run reports it. */
function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * One preview or update. The program's registrations arrive through `handler`; `finish` runs
 * the deletes once the program has exited successfully.
 */
export class Deployment {
  private readonly olds = new Map<string, ResourceState>();
  private readonly news = new Map<string, ResourceState>();
  private readonly registering = new Set<string>();
  /** Replaced objects waiting for deletion at the end of the run (create-before-delete). */
  private readonly replaced: ResourceState[] = [];
  /** Replaced objects left by an earlier run that failed before deleting them. */
  private readonly leftovers: ResourceState[];
  private stackOutputs: PropertyMap = {};
  private stackUrn = "";

  constructor(
    private readonly ctx: RunContext,
    private readonly project: string,
    private readonly stack: string,
    previous: DeploymentSnapshot,
    /** Persists the state after each step that changed something, as the snapshot manager does. */
    private readonly persist: (snapshot: DeploymentSnapshot) => void,
  ) {
    // Pending operations of the previous run need nothing here: a pending create's resource is
    // not in the state, so the program's registration creates it again; a pending update or
    // delete left the resource in the state as it was, so the step runs again.
    for (const r of previous.resources) if (!r.delete) this.olds.set(r.urn, r);
    this.leftovers = previous.resources.filter((r) => r.delete);
    this.stackOutputs = previous.outputs;
    ctx.persist = () => this.save();
  }

  readonly handler: MonitorHandler = {
    register: (reg) => this.register(reg),
    read: (req) => this.read(req),
    registerOutputs: (urn, outputs) => {
      const state = this.news.get(urn);
      // A new object, not an edit: the checkpoint writer keeps each state object's text.
      if (state) this.news.set(urn, { ...state, outputs });
      if (urn === this.stackUrn) this.stackOutputs = outputs;
    },
    log: (entry: LogEntry) => this.ctx.logs.push(entry),
  };

  get outputs(): PropertyMap {
    return this.stackOutputs;
  }

  snapshot(): DeploymentSnapshot {
    const untouched = [...this.olds.values()].filter((r) => !this.news.has(r.urn));
    const pendingOperations = this.ctx.pendingOperations();
    return {
      resources: [...this.news.values(), ...untouched, ...this.replaced, ...this.leftovers],
      outputs: this.stackOutputs,
      ...(pendingOperations.length ? { pendingOperations } : {}),
    };
  }

  private save(): void {
    if (!this.ctx.dryRun) this.persist(this.snapshot());
  }

  /**
   * Replaced objects an earlier run did not get to delete go first
   * (deployment_executor.go: pending deletes are handled before the program's steps).
   */
  async deleteLeftovers(): Promise<void> {
    for (const wave of deleteWaves(this.leftovers)) {
      await settleWave(wave.map((r) => this.deleteOne(r, "delete-replaced", this.leftovers)));
    }
  }

  private async register(reg: Registration): Promise<{ urn: string; id: string; outputs: PropertyMap }> {
    const urn = makeUrn(this.stack, this.project, reg.type, reg.name, reg.parent);
    // source_eval.go / step_generator.go: a URN registered twice in one run is an error.
    if (this.registering.has(urn)) throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
    this.registering.add(urn);
    // deployment_executor.go: a failed step cancels the deployment; no further step is generated.
    if (this.ctx.failed) throw new StepCanceledError({ urn, type: reg.type, name: reg.name, op: "create" });
    if (reg.type === "pulumi:pulumi:Stack") this.stackUrn = urn;
    const old = this.olds.get(urn);
    const base: ResourceState = {
      urn,
      type: reg.type,
      name: reg.name,
      custom: reg.custom,
      ...(reg.parent ? { parent: reg.parent } : {}),
      inputs: reg.object,
      outputs: {},
      dependencies: reg.dependencies,
      propertyDependencies: reg.propertyDependencies,
      ...(reg.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
      ...(reg.additionalSecretOutputs.length ? { additionalSecretOutputs: reg.additionalSecretOutputs } : {}),
      ...(reg.ignoreChanges.length ? { ignoreChanges: reg.ignoreChanges } : {}),
      ...(reg.customTimeouts ? { customTimeouts: reg.customTimeouts } : {}),
      ...(reg.protect ? { protect: true } : {}),
      ...(reg.retainOnDelete ? { retainOnDelete: true } : {}),
      ...(reg.provider ? { provider: reg.provider } : {}),
    };
    // A resource is deleted before its provider (the engine orders them so too).
    if (reg.provider && !base.dependencies.includes(providerUrnOf(reg.provider))) base.dependencies = [...base.dependencies, providerUrnOf(reg.provider)];
    if (reg.provider) this.ctx.providerReferences.set(urn, reg.provider);
    const start = { urn, type: reg.type, name: reg.name };

    // Components have no provider: they are created or kept, and their outputs come from
    // RegisterResourceOutputs (step_generator.go: non-custom goals produce Create or Same).
    if (!reg.custom) {
      this.news.set(urn, { ...base, outputs: old?.outputs ?? {} });
      this.ctx.record({ ...start, op: old ? "same" : "create" });
      return { urn, id: "", outputs: {} };
    }
    if (reg.importId && !old) {
      if (!reg.type.startsWith(PLUGIN_TYPE_PREFIX)) {
        throw new Error(`${reg.type} ${reg.name}: the import option needs a provider with an Import method; dynamic providers have none`);
      }
      return this.importOne(reg, base);
    }

    // step_generator.go processIgnoreChanges: ignored inputs keep their old values (top-level keys).
    const goal: PropertyMap = { ...reg.object };
    if (old) {
      for (const key of reg.ignoreChanges) {
        if (key in old.inputs) goal[key] = old.inputs[key];
        else delete goal[key];
      }
    }

    // step_generator.go: Check(olds = old inputs, news = goal); failures stop the resource, and
    // an error of the Check call itself fails the deployment with the provider's message.
    const intended = { ...start, op: old ? ("update" as const) : ("create" as const) };
    let checked: Awaited<ReturnType<typeof this.ctx.host.check>>;
    try {
      checked = await this.ctx.host.check(urn, stripMap(old?.inputs ?? {}), stripMap(goal));
    } catch (err) {
      throw this.ctx.fail(intended, `${displayType(reg.type)} ${reg.name} check failed: ${messageOf(err)}`);
    }
    if (checked.failures.length > 0) {
      const message = checked.failures
        .map((f) =>
          f.property
            ? `${reg.type} resource '${reg.name}': property ${f.property} has a problem: ${f.reason}`
            : `${reg.type} resource '${reg.name}' has a problem: ${f.reason}`,
        )
        .join("\n");
      throw this.ctx.fail(intended, message);
    }
    // provider_plugin.go Check: annotateSecrets(inputs, news).
    const inputs = annotateSecrets(checked.inputs, goal);
    const next: ResourceState = { ...base, inputs };

    if (!old) return this.create(next, "create");

    // step_generator.go diff: Diff(olds = old outputs, news = checked inputs).
    let diff: Awaited<ReturnType<typeof this.ctx.host.diff>>;
    try {
      diff = await this.ctx.host.diff(urn, old.id ?? "", stripMap(old.outputs), stripMap(inputs));
    } catch (err) {
      throw this.ctx.fail(intended, `${displayType(reg.type)} ${reg.name} diff failed: ${messageOf(err)}`);
    }
    const keys = changedKeys(old.inputs, inputs);
    let changes = diff.changes;
    let replaces = diff.replaces;
    // step_generator.go: a provider without a diff (DiffUnknown) gets the legacy diff of inputs.
    if (changes === "unknown") {
      changes = keys.length > 0 ? "some" : "none";
      replaces = [];
    }
    // step_generator.go applyReplaceOnChanges: a resource with init errors is updated even when
    // nothing changed, so a create that failed part way is retried through update.
    if (old.initErrors?.length && changes === "none") changes = "some";

    if (changes === "none") {
      // SameStep: the old outputs stay; the new goal's inputs and options are recorded.
      this.news.set(urn, { ...next, id: old.id, outputs: old.outputs });
      this.ctx.record({ ...start, op: "same" });
      this.save();
      return { urn, id: old.id ?? "", outputs: old.outputs };
    }
    if (replaces.length === 0) return this.update(old, next, keys);

    // step_generator.go: a protected resource cannot be replaced (that would delete it).
    if (old.protect && next.protect) {
      throw this.ctx.fail(intended, `unable to replace resource "${urn}" as it is currently marked for protection`);
    }
    const dbr = diff.deleteBeforeReplace || Boolean(reg.deleteBeforeReplace);
    const replaceStart = { ...start, diffKeys: keys, replaceKeys: replaces, deleteBeforeReplace: dbr };
    if (dbr) {
      // step_generator.go: delete-before-replace deletes the old object first (DeleteReplaced),
      // then creates its replacement. Dependents that would need replacing as a consequence are
      // not computed by this stand-in.
      await this.deleteOne(old, "delete-replaced", undefined, replaceStart);
      this.olds.delete(urn);
    }
    const result = await this.create(next, "create-replacement", replaceStart);
    this.ctx.record({ ...replaceStart, op: "replace" });
    if (!dbr) {
      // step_generator.go: create-before-delete keeps the old object, marked Delete, and
      // GenerateDeletes removes it once the program has finished.
      this.replaced.push({ ...old, delete: true });
      this.save();
    }
    return result;
  }

  /**
   * step_generator.go / step.go ImportStep: read the object by its id alone, then Check the
   * program's inputs against what was read and Diff them: an import whose inputs differ from the
   * object fails and records nothing (the engine's "inputs to import do not match").
   */
  private async importOne(reg: Registration, base: ResourceState): Promise<{ urn: string; id: string; outputs: PropertyMap }> {
    const start = { urn: base.urn, type: reg.type, name: reg.name, op: "import" as const };
    const state = await this.ctx.step(start, async () => {
      const read = await this.ctx.host.read(base.urn, reg.importId, {}, {});
      if (!read.id) throw new Error(`resource '${reg.importId}' does not exist`);
      const checked = await this.ctx.host.check(base.urn, read.inputs ?? {}, stripMap(reg.object));
      if (checked.failures.length > 0) throw new Error(checked.failures.map((f) => f.reason).join("\n"));
      const diff = await this.ctx.host.diff(base.urn, read.id, read.properties, checked.inputs);
      if (diff.changes === "some") {
        throw new Error(`inputs to import do not match the existing resource (${changedKeys(read.inputs ?? {}, checked.inputs).join(", ")})`);
      }
      const inputs = annotateSecrets(checked.inputs, reg.object);
      return { ...base, id: read.id, inputs, outputs: this.secretOutputs(read.properties, { ...base, inputs }) };
    });
    this.news.set(base.urn, state);
    this.save();
    return { urn: base.urn, id: state.id ?? "", outputs: state.outputs };
  }

  private async create(
    next: ResourceState,
    op: "create" | "create-replacement",
    startExtra: { diffKeys?: string[]; replaceKeys?: string[]; deleteBeforeReplace?: boolean } = {},
  ): Promise<{ urn: string; id: string; outputs: PropertyMap }> {
    const start = { urn: next.urn, type: next.type, name: next.name, op, ...startExtra };
    if (this.ctx.dryRun) {
      // provider_plugin.go Create: a preview against a provider without preview support (the
      // dynamic-provider host) hands back the inputs as the state, and no id.
      this.news.set(next.urn, { ...next, outputs: next.inputs });
      this.ctx.record(start);
      return { urn: next.urn, id: "", outputs: next.inputs };
    }
    try {
      const created = await this.ctx.step(
        start,
        () => this.ctx.host.create(next.urn, stripMap(next.inputs), { timeoutSeconds: durationSeconds(next.customTimeouts?.create) }),
        undefined,
        { resource: next, type: "creating" },
      );
      const outputs = this.secretOutputs(created.properties, next);
      const state: ResourceState = { ...next, id: created.id, outputs };
      this.news.set(next.urn, state);
      this.save();
      return { urn: next.urn, id: created.id, outputs };
    } catch (err) {
      // step.go CreateStep: a create that failed after the object came to exist
      // (ErrorResourceInitFailed) is recorded with its id, outputs and init errors.
      if (err instanceof ResourceInitFailedError && err.id) {
        this.news.set(next.urn, {
          ...next,
          id: err.id,
          outputs: this.secretOutputs(err.properties, next),
          initErrors: err.reasons.length ? err.reasons : [err.message],
        });
        this.save();
      }
      throw err;
    }
  }

  private async update(old: ResourceState, next: ResourceState, keys: string[]): Promise<{ urn: string; id: string; outputs: PropertyMap }> {
    const start = { urn: next.urn, type: next.type, name: next.name, op: "update" as const, diffKeys: keys };
    const id = old.id ?? "";
    if (this.ctx.dryRun) {
      // provider_plugin.go Update: same preview rule as Create, the new inputs stand for the state.
      this.news.set(next.urn, { ...next, id, outputs: next.inputs });
      this.ctx.record(start);
      return { urn: next.urn, id, outputs: next.inputs };
    }
    try {
      const properties = await this.ctx.step(
        start,
        () =>
          this.ctx.host.update(next.urn, id, stripMap(old.outputs), stripMap(next.inputs), {
            timeoutSeconds: durationSeconds(next.customTimeouts?.update),
          }),
        undefined,
        { resource: { ...next, id, outputs: old.outputs }, type: "updating" },
      );
      const outputs = this.secretOutputs(properties, next);
      this.news.set(next.urn, { ...next, id, outputs });
      this.save();
      return { urn: next.urn, id, outputs };
    } catch (err) {
      // step.go UpdateStep: an update that reports ErrorResourceInitFailed keeps the resource
      // with the outputs it reported and its init errors, so the next run updates again.
      if (err instanceof ResourceInitFailedError) {
        this.news.set(next.urn, {
          ...next,
          id: err.id || id,
          outputs: this.secretOutputs(err.properties, next),
          initErrors: err.reasons.length ? err.reasons : [err.message],
        });
        this.save();
      }
      throw err;
    }
  }

  /** provider_plugin.go annotateSecrets, then step_executor.go AdditionalSecretOutputs. */
  private secretOutputs(properties: PropertyMap, state: ResourceState): PropertyMap {
    return markAdditionalSecrets(annotateSecrets(properties, state.inputs), state.additionalSecretOutputs ?? []);
  }

  /** `get(name, id)`: step.go ReadStep reads the object and records it as external. */
  private async read(req: ReadRegistration): Promise<{ urn: string; outputs: PropertyMap }> {
    const urn = makeUrn(this.stack, this.project, req.type, req.name, req.parent);
    if (this.registering.has(urn)) throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
    this.registering.add(urn);
    const start = { urn, type: req.type, name: req.name, op: "read" as const };
    const result = await this.ctx.step(start, () => this.ctx.host.read(urn, req.id, stripMap(req.properties)));
    if (!result.id) {
      const message = `resource '${req.id}' does not exist`;
      this.ctx.errors.push(`${req.type} ${req.name}: ${message}`);
      throw new Error(message);
    }
    const outputs = markAdditionalSecrets(annotateSecrets(result.properties, req.properties), req.additionalSecretOutputs);
    this.news.set(urn, {
      urn,
      type: req.type,
      name: req.name,
      custom: true,
      ...(req.parent ? { parent: req.parent } : {}),
      id: result.id,
      inputs: result.inputs ?? {},
      outputs,
      dependencies: req.dependencies,
      propertyDependencies: {},
      external: true,
      ...(req.additionalSecretOutputs.length ? { additionalSecretOutputs: req.additionalSecretOutputs } : {}),
    });
    this.save();
    return { urn, outputs };
  }

  /**
   * After the program exits successfully: delete what left the program and what was replaced,
   * in reverse dependency order (step_generator.go GenerateDeletes + ScheduleDeletes). An
   * external resource that left the program is only forgotten (step.go ReadDiscardStep).
   */
  async finish(): Promise<void> {
    const gone = [...this.olds.values()].filter((r) => !this.news.has(r.urn));
    for (const r of gone.filter((r) => r.external || !r.custom || r.retainOnDelete)) {
      this.ctx.record({ urn: r.urn, type: r.type, name: r.name, op: r.external ? "discard" : "delete" });
      this.olds.delete(r.urn);
    }
    const targets = [...gone.filter((r) => r.custom && !r.external && !r.retainOnDelete), ...this.replaced];
    for (const wave of deleteWaves(targets)) {
      await settleWave(
        wave.map((r) => (r.delete ? this.deleteOne(r, "delete-replaced", this.replaced) : this.deleteOne(r, "delete"))),
      );
    }
    this.save();
  }

  private async deleteOne(
    r: ResourceState,
    op: "delete" | "delete-replaced",
    list?: ResourceState[],
    startExtra: { diffKeys?: string[]; replaceKeys?: string[]; deleteBeforeReplace?: boolean } = {},
  ): Promise<void> {
    const start = { urn: r.urn, type: r.type, name: r.name, op, ...startExtra };
    if (r.protect) throw this.ctx.fail(start, `resource "${r.urn}" cannot be deleted because it is protected`);
    if (this.ctx.dryRun) {
      this.ctx.record(start);
      return;
    }
    await this.ctx.step(
      start,
      () => this.ctx.host.delete(r.urn, r.id ?? "", stripMap(r.outputs), { timeoutSeconds: durationSeconds(r.customTimeouts?.delete) }),
      undefined,
      { resource: r, type: "deleting" },
    );
    if (list) list.splice(list.indexOf(r), 1);
    else this.olds.delete(r.urn);
    this.save();
  }
}
