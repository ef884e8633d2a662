// Reads of one kind and owner scope that arrive together are served by one paged list instead of
// one list by id each (a refresh reads every resource of a stack at once).
//
// - Reads that arrive within WINDOW_MS of each other for the same list command and parameters
//   make a batch. A batch of one is left to the read by id, as before; a larger batch lists the
//   scope page by page, with listall where the command takes it. Whatever that list shows, the
//   list by id shows too: AccountManagerImpl.buildACLSearchParameters applies the same account
//   and domain rules to both, and only the list without an id skips projects' objects.
// - The list only ever says that an object exists. An object it does not show is read by id, so
//   that "gone" is decided exactly as a lone read decides it (lookup.ts).
// - The list is kept as a view. While no change has gone through this process since the view's
//   list began (process-state.ts) and for at most REUSE_MS, later reads of the same scope are
//   served from it: with the engine's parallelism bound, a refresh's reads arrive a few at a
//   time, and a view is what lets 180 of them cost one list. A view is never trusted after this
//   process changed anything, so the reads behind an update or a delete always see CloudStack
//   as it is after the change.
// - The page size starts at CloudStack's default (500) and follows the server's ceiling when it
//   refuses a larger one (431 "Page size can't exceed max allowed page size value: N").
import { CloudStackApiError, type CloudStackClient, type Params } from "../../client";
import { changesFor, isObserved, perCaller } from "../process-state";
import { ApiObject } from "../types";

/** How long reads are gathered before a batch is sent. */
export const WINDOW_MS = 2;
/** How long a view may serve reads that arrive after its list began. */
export const REUSE_MS = 5000;
/** CloudStack's default.page.size, the largest page it serves unless an operator lowered it. */
export const DEFAULT_PAGE_SIZE = 500;

/**
 * List commands that list a whole owner scope without a parent id, and whether they take
 * listall (commands.json). Others (listGlobalLoadBalancerRules needs id or regionid, a policy
 * list its rule) are always read by id.
 */
const LISTABLE: ReadonlyMap<string, { readonly listall: boolean }> = new Map([
  ["listNetworks", { listall: true }],
  ["listPublicIpAddresses", { listall: true }],
  ["listFirewallRules", { listall: true }],
  ["listEgressFirewallRules", { listall: true }],
  ["listPortForwardingRules", { listall: true }],
  ["listLoadBalancerRules", { listall: true }],
  ["listNetworkACLs", { listall: true }],
  ["listNetworkACLLists", { listall: true }],
  ["listVPCs", { listall: true }],
  ["listVirtualMachines", { listall: true }],
  ["listPrivateGateways", { listall: true }],
  ["listStaticRoutes", { listall: true }],
  ["listVlanIpRanges", { listall: false }],
  ["listDedicatedGuestVlanRanges", { listall: false }],
  ["listPortableIpRanges", { listall: false }],
]);

interface View {
  readonly objects: ReadonlyMap<string, ApiObject>;
  readonly startedAt: number;
  /** The change epoch when the list began, or undefined when a change was in progress then. */
  readonly epoch: number | undefined;
}

interface Batch {
  readonly ids: Set<string>;
  readonly done: Promise<ReadonlyMap<string, ApiObject> | undefined>;
}

class Reads {
  pageSize = DEFAULT_PAGE_SIZE;
  readonly batches = new Map<string, Batch>();
  readonly views = new Map<string, View>();
}

const READS = { make: () => new Reads() };

/** Parameters in a stable order, so that equal scopes make one key. */
function keyOf(command: string, params: Params): string {
  return JSON.stringify([command, Object.entries(params).sort(([a], [b]) => a.localeCompare(b))]);
}

function usable(view: View | undefined, client: CloudStackClient): view is View {
  return (
    view !== undefined &&
    view.epoch !== undefined &&
    view.epoch === changesFor(client).epoch &&
    changesFor(client).quiet &&
    isObserved(client) &&
    Date.now() - view.startedAt < REUSE_MS
  );
}

/** The server's page-size ceiling from its 431 text, when that is what the refusal says. */
function ceilingFrom(err: unknown): number | undefined {
  if (!(err instanceof CloudStackApiError) || err.errorcode !== 431) return undefined;
  const match = /max allowed page size value: (\d+)/.exec(err.errortext);
  const value = match ? Number(match[1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** One page at the caller's page size, learning a lower ceiling on the way. */
async function page(client: CloudStackClient, reads: Reads, command: string, params: Params, n: number): Promise<{ items: ApiObject[]; size: number }> {
  for (;;) {
    const size = reads.pageSize;
    try {
      return { items: await client.list<ApiObject>(command, { ...params, page: n, pagesize: size }), size };
    } catch (err) {
      const ceiling = ceilingFrom(err);
      if (ceiling === undefined || ceiling >= size) throw err;
      reads.pageSize = ceiling;
    }
  }
}

/**
 * Every object the list shows, by lower-case id, and whether that is the whole list. At most
 * `maxPages` pages: past that, asking for each waiting object is cheaper than listing on.
 */
async function listScope(
  client: CloudStackClient,
  reads: Reads,
  command: string,
  params: Params,
  maxPages: number,
): Promise<{ objects: Map<string, ApiObject>; complete: boolean }> {
  const objects = new Map<string, ApiObject>();
  for (let n = 1; n <= maxPages; n++) {
    const { items, size } = await page(client, reads, command, params, n);
    for (const item of items) objects.set(String(item.id).toLowerCase(), item);
    if (items.length < size) return { objects, complete: true };
  }
  return { objects, complete: false };
}

async function flush(client: CloudStackClient, reads: Reads, key: string, command: string, params: Params, ids: ReadonlySet<string>): Promise<ReadonlyMap<string, ApiObject> | undefined> {
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  reads.batches.delete(key);
  if (ids.size < 2) return undefined;
  const startedAt = Date.now();
  const changes = changesFor(client);
  const epoch = changes.quiet ? changes.epoch : undefined;
  let objects: Map<string, ApiObject>;
  try {
    ({ objects } = await listScope(client, reads, command, params, Math.max(1, ids.size - 1)));
  } catch {
    // Whatever refused the list (a scope the caller may not list whole), each read by id decides.
    return undefined;
  }
  reads.views.set(key, { objects, startedAt, epoch });
  return objects;
}

/**
 * The object as a list of its scope shows it, or undefined when no list shows it (or the read
 * is alone): the caller then reads it by id.
 */
export async function listedObject(client: CloudStackClient, command: string, id: string, scope: Params): Promise<ApiObject | undefined> {
  const listable = LISTABLE.get(command);
  if (!listable) return undefined;
  const params: Params = listable.listall ? { ...scope, listall: true } : { ...scope };
  const key = keyOf(command, params);
  const reads = perCaller(client, READS);
  const wanted = id.toLowerCase();
  const view = reads.views.get(key);
  if (usable(view, client)) return view.objects.get(wanted);
  let batch = reads.batches.get(key);
  if (!batch) {
    const ids = new Set<string>();
    batch = { ids, done: flush(client, reads, key, command, params, ids) };
    reads.batches.set(key, batch);
  }
  batch.ids.add(wanted);
  return (await batch.done)?.get(wanted);
}

/** How long a list of a scope may answer the first look of creates that follow (see listWhere). */
export const FIRST_LOOK_REUSE_MS = 60_000;

interface SearchBatch {
  /** Searches waiting for the list. */
  count: number;
  /** A first look is waiting: list the scope even for one search, to keep the list as a view. */
  firstLook: boolean;
  readonly list: Promise<ReadonlyMap<string, ApiObject> | undefined>;
}

class Searches {
  readonly batches = new Map<string, SearchBatch>();
  readonly views = new Map<string, { readonly objects: ReadonlyMap<string, ApiObject>; readonly at: number }>();
}

const SEARCHES = { make: () => new Searches() };

/** CloudStack compares names and ids without case (MySQL's collation): so does the filter here. */
function matches(item: ApiObject, fields: Params): boolean {
  return Object.entries(fields).every(([name, value]) => value === undefined || String(item[name] ?? "").toLowerCase() === String(value).toLowerCase());
}

/** The list a batch of searches shares, once the window closes; undefined leaves each to its own list. */
async function searchBatch(
  client: CloudStackClient,
  searches: Searches,
  key: string,
  command: string,
  scope: Params,
  batch: Omit<SearchBatch, "list">,
): Promise<ReadonlyMap<string, ApiObject> | undefined> {
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  searches.batches.delete(key);
  if (batch.count < 2 && !batch.firstLook) return undefined;
  const at = Date.now();
  try {
    const { objects, complete } = await listScope(client, perCaller(client, READS), command, scope, Math.max(1, batch.count - 1));
    if (!complete) return undefined;
    searches.views.set(key, { objects, at });
    return objects;
  } catch {
    return undefined;
  }
}

/**
 * The objects of `scope` whose `fields` have the given values, as `list command scope+fields`
 * answers them: the recognition lists a create sends to find what an earlier attempt of it made.
 * Searches of one scope that arrive together share one list of the scope, filtered here; a
 * search alone sends its own list, as before.
 *
 * `firstLook`: the look before this process's first attempt of a create. What it looks for (an
 * object carrying the create's own token) can only have been made by an earlier process, so a
 * list of the scope this process read up to FIRST_LOOK_REUSE_MS ago answers it too; a look after
 * a failed attempt always lists afresh.
 */
export async function listWhere(client: CloudStackClient, command: string, scope: Params, fields: Params, firstLook = false): Promise<ApiObject[]> {
  const key = keyOf(command, scope);
  const searches = perCaller(client, SEARCHES);
  const view = searches.views.get(key);
  if (firstLook && view && Date.now() - view.at < FIRST_LOOK_REUSE_MS) return [...view.objects.values()].filter((item) => matches(item, fields));
  let batch = searches.batches.get(key);
  if (!batch) {
    const counts = { count: 0, firstLook: false };
    batch = Object.assign(counts, { list: searchBatch(client, searches, key, command, scope, counts) });
    searches.batches.set(key, batch);
  }
  batch.count++;
  if (firstLook) batch.firstLook = true;
  const objects = await batch.list;
  return objects ? [...objects.values()].filter((item) => matches(item, fields)) : client.list<ApiObject>(command, { ...scope, ...fields });
}
