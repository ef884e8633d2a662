// Resource tags (TaggedResourceManagerImpl): createTags, deleteTags, listTags. Each taggable
// resource type names how to find an object and its owner.
import { internalError, paramError, permissionError } from "../errors";
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";
import type { SimulatorState, TaggableResourceType, TagRecord } from "./records";

interface TaggableResource {
  uuid: string;
  accountUuid: string;
  domainUuid: string;
}

type ResourceFinder = (state: SimulatorState, id: string) => TaggableResource | undefined;

/** How each taggable type's objects are found (by uuid, or by internal id as CloudStack allows). */
const FINDERS: Record<TaggableResourceType, ResourceFinder> = {
  Network: (state, id) => state.networks.find((n) => !n.removed && (n.uuid === id || String(n.id) === id)),
  PublicIpAddress: (state, id) => {
    const ip = state.publicIps.find((r) => r.accountUuid !== undefined && (r.uuid === id || String(r.id) === id));
    const account = state.accounts.find((a) => a.uuid === ip?.accountUuid);
    return ip && account ? { uuid: ip.uuid, accountUuid: account.uuid, domainUuid: account.domainUuid } : undefined;
  },
  Template: (state, id) => state.templates.find((t) => t.uuid === id || String(t.id) === id),
};

export const TAGGABLE_TYPES = Object.keys(FINDERS) as TaggableResourceType[];

/** ResourceTag.ResourceObjectType names, case-insensitive, as getResourceType matches them. */
export function parseResourceType(value: string): TaggableResourceType {
  const found = TAGGABLE_TYPES.find((t) => t.toLowerCase() === value.toLowerCase());
  if (!found) throw paramError(`Invalid resource type ${value}`);
  return found;
}

export interface TagFilter {
  resourceType?: TaggableResourceType;
  resourceId?: string;
  key?: string;
  value?: string;
  customer?: string;
}

export class Tags {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
  ) {}

  private resource(type: TaggableResourceType, id: string): TaggableResource {
    const r = FINDERS[type](this.state, id);
    if (!r) {
      throw paramError(/^\d+$/.test(id) ? `Unable to find resource by id ${id} and type ${type}` : `Unable to find resource by uuid ${id} and type ${type}`);
    }
    return r;
  }

  /** Validates everything first, then stores: a failed call leaves no tag behind. */
  create(caller: Caller, type: TaggableResourceType, resourceIds: string[], tags: Array<{ key: string; value: string }>, customer?: string): TagRecord[] {
    const toAdd: TagRecord[] = [];
    for (const { key, value } of tags) {
      for (const id of resourceIds) {
        const r = this.resource(type, id);
        if (!this.accounts.canAccessOwner(caller, r.accountUuid)) {
          throw permissionError(`Account '${caller.accountName}' doesn't have permissions to create tags for resource '${r.uuid}(${key})'.`);
        }
        if (value === undefined || value === "") throw paramError(`Value for the key ${key} is either null or empty`);
        const duplicate =
          this.state.tags.some((t) => t.resourceType === type && t.resourceUuid === r.uuid && t.key === key) ||
          toAdd.some((t) => t.resourceUuid === r.uuid && t.key === key);
        if (duplicate) {
          // CloudStack fails on the table's unique key; the simulator names the cause.
          throw internalError(`Failed to create tags: tag ${key} already exists on ${type} ${r.uuid}`);
        }
        toAdd.push({ key, value, resourceType: type, resourceUuid: r.uuid, accountUuid: r.accountUuid, domainUuid: r.domainUuid, customer });
      }
    }
    this.state.tags.push(...toAdd);
    return toAdd;
  }

  delete(caller: Caller, type: TaggableResourceType, resourceIds: string[], tags: Array<{ key: string; value?: string }>): void {
    const uuids = new Set(resourceIds.map((id) => FINDERS[type](this.state, id)?.uuid ?? id));
    const toDelete: TagRecord[] = [];
    for (const tag of this.state.tags) {
      if (tag.resourceType !== type || !uuids.has(tag.resourceUuid)) continue;
      if (!this.accounts.canAccessOwner(caller, tag.accountUuid)) {
        throw permissionError(`Account ${caller.accountName} does not have permission to operate with resource ${tag.resourceUuid}`);
      }
      const matches =
        tags.length === 0 ||
        tags.some((t) => t.key.toLowerCase() === tag.key.toLowerCase() && (t.value === undefined || t.value.toLowerCase() === tag.value.toLowerCase()));
      if (matches) toDelete.push(tag);
    }
    if (toDelete.length === 0) throw paramError("Unable to find any tags which conform to specified delete parameters.");
    this.state.tags = this.state.tags.filter((t) => !toDelete.includes(t));
  }

  /** Tags of one object, as the object's `tags` array shows them. */
  of(type: TaggableResourceType, uuid: string): TagRecord[] {
    return this.state.tags.filter((t) => t.resourceType === type && t.resourceUuid === uuid);
  }

  list(filter: TagFilter): TagRecord[] {
    return this.state.tags.filter(
      (t) =>
        (filter.resourceType === undefined || t.resourceType === filter.resourceType) &&
        (filter.resourceId === undefined || t.resourceUuid === filter.resourceId) &&
        (filter.key === undefined || t.key === filter.key) &&
        (filter.value === undefined || t.value === filter.value) &&
        (filter.customer === undefined || t.customer === filter.customer),
    );
  }
}
