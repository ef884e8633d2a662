// The dynamic-provider operations, generic over any spec.
import { changedInputs, changesInPlace } from "./changes";
import { check } from "./check";
import { PartiallyCreatedError, ResourceInitError } from "./errors";
import { providerEntry } from "./inputs";
import { prepare } from "./prepare";
import { credentialSourceFrom, ClientRuntime } from "./runtime";
import { ResourceSpec } from "./spec";
import { appliedOutputs, migrate, observedOutputs } from "./state";
import { DynamicProvider, PropertyMap } from "./types";

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function makeProvider(spec: ResourceSpec, runtime: ClientRuntime): DynamicProvider {
  return {
    async configure(req) {
      // Synchronous on purpose: the host serves other calls before this promise settles.
      runtime.configure(credentialSourceFrom((key) => req?.config?.get(key)));
    },

    check: (_olds, news) => check(spec, runtime, news),

    async diff(_id, olds, news) {
      const prior = migrate(spec, olds);
      const changed = changedInputs(spec, prior, news);
      const replaces = changed.filter((key) => !changesInPlace(spec, key, prior));
      return {
        changes: changed.length > 0,
        replaces,
        deleteBeforeReplace: replaces.length > 0 && (spec.deleteBeforeReplace?.(prior, news) ?? false),
      };
    },

    async create(props) {
      const client = await runtime.client();
      const { inputs, ids } = await prepare(spec, client, props);
      try {
        const object = await spec.create(client, inputs, ids);
        return { id: spec.idOf(object), outs: appliedOutputs(spec, object, inputs, ids) };
      } catch (err) {
        if (!(err instanceof PartiallyCreatedError)) throw err;
        const id = spec.idOf(err.object);
        const reason = describeError(err.cause);
        const { outputs } = observedOutputs(spec, err.object, { ...inputs, ...ids });
        throw new ResourceInitError(
          `${spec.kind} ${id} was created but not completed: ${reason}`,
          id,
          { ...outputs, ...providerEntry(props) },
          [reason],
        );
      }
    },

    async read(id, props) {
      const client = await runtime.client();
      const prior = migrate(spec, props);
      const object = await spec.read(client, id, prior);
      // No id tells the engine the object is gone.
      if (!object) return { id: "", props: {} };
      const { outputs, inputs } = observedOutputs(spec, object, prior);
      return { id: spec.idOf(object), props: outputs, inputs };
    },

    async update(id, olds, news) {
      const client = await runtime.client();
      const prior = migrate(spec, olds);
      const { inputs, ids } = await prepare(spec, client, news);
      const target: PropertyMap = { ...inputs, ...ids };
      const changed = changedInputs(spec, prior, target);
      const blocked = changed.filter((key) => !changesInPlace(spec, key, prior));
      if (blocked.length > 0) {
        throw new Error(`${spec.kind} ${id}: ${blocked.join(", ")} cannot change in place; it must be replaced`);
      }
      const object = await spec.update(client, id, prior, inputs, ids, changed);
      return { outs: appliedOutputs(spec, object, inputs, ids) };
    },

    async delete(id, props) {
      const client = await runtime.client();
      const prior = migrate(spec, props);
      const object = await spec.read(client, id, prior);
      if (!object) return;
      try {
        await spec.delete(client, id, object, prior);
      } catch (err) {
        // Gone meanwhile (another run, someone by hand) is what delete wanted.
        if ((await spec.read(client, id, prior)) === undefined) return;
        throw err;
      }
    },
  };
}
