// Lists the owner's objects kind by kind (catalogue.ts) and reads each through its kind's own
// provider, exactly as a refresh would: the inputs it gives back are the spec's reading of the
// object, the ones with which an adopting program shows no change.
import type { CloudStackClient } from "../provider/client";
import type { ClientRuntime } from "../provider/adapter/runtime";
import { makeProvider } from "../provider/adapter/lifecycle/operations";
import type { ApiObject, PropertyMap } from "../provider/adapter/types";
import { specs, type ResourceKind } from "../provider";
import { withoutConflicts } from "./conflicting-inputs";
import { catalogue, ZONED_LISTS, type CatalogueEntry, type Listed } from "./catalogue";
import type { ResolvedScope } from "./scope";

/** One object to declare: its kind, the id importId takes, its inputs and outputs as read. */
export interface ExportedObject {
  readonly kind: ResourceKind;
  readonly id: string;
  readonly inputs: PropertyMap;
  /** The outputs of the read: the inputs, the ids their references resolve to, attributes. */
  readonly outputs: PropertyMap;
}

export interface CollectOptions {
  readonly runtime: ClientRuntime;
  readonly scope: ResolvedScope;
  /** Keep to the objects of this zone (by id), and to what hangs on them. */
  readonly zoneId?: string;
  readonly entries?: readonly CatalogueEntry[];
  readonly warn: (message: string) => void;
  /** Told how many objects of each kind are read, as each kind is listed. */
  readonly progress?: (message: string) => void;
}

/** The ids of the owner's objects in another zone than `zoneId`. */
async function idsInOtherZones(client: CloudStackClient, scope: ResolvedScope, zoneId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const { command, params } of ZONED_LISTS) {
    for (const item of await client.list<ApiObject>(command, { ...scope.params, ...params })) {
      if (typeof item.zoneid === "string" && item.zoneid.toLowerCase() !== zoneId.toLowerCase()) ids.add(String(item.id).toLowerCase());
    }
  }
  return ids;
}

/** The listed objects in the zone: those in another, and those that name a dropped object, go to `dropped`. */
function outsideZone(listed: readonly Listed[], zoneId: string, dropped: Set<string>): Listed[] {
  const kept: Listed[] = [];
  for (const entry of listed) {
    const values = Object.values(entry.item).filter((value): value is string => typeof value === "string");
    const zone = entry.item.zoneid;
    if ((typeof zone === "string" && zone.toLowerCase() !== zoneId.toLowerCase()) || values.some((value) => dropped.has(value.toLowerCase()))) {
      dropped.add(entry.id.toLowerCase());
    } else {
      kept.push(entry);
    }
  }
  return kept;
}

export async function collect(options: CollectOptions): Promise<ExportedObject[]> {
  const client: CloudStackClient = await options.runtime.client();
  const listed = new Map<ResourceKind, readonly Listed[]>();
  const dropped = options.zoneId === undefined ? new Set<string>() : await idsInOtherZones(client, options.scope, options.zoneId);
  const out: ExportedObject[] = [];
  for (const entry of options.entries ?? catalogue) {
    let found = await entry.list({ client, scope: options.scope, listed });
    if (options.zoneId !== undefined) found = outsideZone(found, options.zoneId, dropped);
    listed.set(entry.kind, found);
    if (found.length > 0) options.progress?.(`reading ${found.length} ${entry.kind}`);
    const provider = makeProvider(specs[entry.kind], options.runtime);
    for (const listedObject of found) {
      const { id } = listedObject;
      let read = await provider.read(id, options.scope.readScope);
      if (read.id === "") {
        options.warn(`${entry.kind} ${id} was listed but is gone when read; left out`);
        continue;
      }
      // Read again as a program that wrote those inputs by id: the ids become references.
      const byId = entry.writtenById?.(listedObject, read.props);
      if (byId) {
        const again = await provider.read(id, { ...options.scope.readScope, ...byId });
        if (again.id !== "") read = again;
      }
      out.push({ kind: entry.kind, id: read.id, inputs: withoutConflicts(specs[entry.kind], read.inputs ?? {}), outputs: read.props });
    }
  }
  return out;
}


