// A small stand-in Backend for the wire tests: a few handlers with predictable results, three
// callers, and a snapshot that round-trips, so the wire layer is tested apart from the model.
import { ApiError, paramError } from "../../../simulator/errors";
import type { Caller } from "../../../simulator/caller";
import { Backend, Handler, HandlerResult, JobOutcome } from "../../../simulator/wire/types";
import { startWireServer, WireOptions, WireServer } from "../../../simulator/wire/server";
import { RawCredentials } from "../raw-client";

export type FakeNetwork = {
  id: string;
  name: string;
  account: string;
};

interface FakeSnapshot {
  networks: FakeNetwork[];
  nextId: number;
}

/** An async job on network `id`, queued behind the network's other jobs. */
const networkJob = (id: string, run: (id: string) => JobOutcome): HandlerResult => ({
  kind: "job",
  queueKey: `network:${id}`,
  instanceType: "Network",
  instanceId: id,
  run: () => run(id),
});

const caller = (id: string, accountType: 0 | 1 | 2): Caller => ({
  userId: `user-${id}`,
  accountId: `account-${id}`,
  accountName: id,
  domainId: "domain-root",
  accountType,
  isRootAdmin: accountType === 1,
});

export const FAKE_KEYS = {
  admin: { apiKey: "admin-key", secretKey: "admin-secret" },
  alice: { apiKey: "alice-key", secretKey: "alice-secret" },
  bob: { apiKey: "bob-key", secretKey: "bob-secret" },
} satisfies Record<string, RawCredentials>;

const CALLERS: Record<string, { caller: Caller; secretKey: string }> = {
  [FAKE_KEYS.admin.apiKey]: { caller: caller("admin", 1), secretKey: FAKE_KEYS.admin.secretKey },
  [FAKE_KEYS.alice.apiKey]: { caller: caller("alice", 0), secretKey: FAKE_KEYS.alice.secretKey },
  [FAKE_KEYS.bob.apiKey]: { caller: caller("bob", 0), secretKey: FAKE_KEYS.bob.secretKey },
};

/** When each job ran, for the queueing tests. */
export interface JobRun {
  key: string;
  label: string;
  at: number;
}

export class FakeBackend implements Backend {
  networks: FakeNetwork[];
  private nextId: number;
  zoneCount = 3;
  readonly runs: JobRun[] = [];
  /** Every HandlerContext.params a handler received. */
  readonly seenParams: Array<Readonly<Record<string, string>>> = [];

  constructor(snapshot?: unknown) {
    const s = snapshot as FakeSnapshot | undefined;
    this.networks = s ? s.networks.map((n) => ({ ...n })) : [];
    this.nextId = s ? s.nextId : 1;
  }

  findApiKey(apiKey: string): { caller: Caller; secretKey: string } | undefined {
    return CALLERS[apiKey];
  }

  snapshot(): unknown {
    const s: FakeSnapshot = { networks: this.networks.map((n) => ({ ...n })), nextId: this.nextId };
    return s;
  }

  private find(id: string): FakeNetwork {
    const n = this.networks.find((x) => x.id === id);
    if (!n) throw paramError(`Network ${id} not found`);
    return n;
  }

  readonly handlers: Record<string, Handler> = {
    listZones: ({ params }) => {
      this.seenParams.push(params);
      const items = Array.from({ length: this.zoneCount }, (_, i) => ({ id: `zone-${i + 1}`, name: `Zone ${i + 1}` }));
      return { kind: "list", objectName: "zone", items };
    },
    listNetworks: ({ caller }) => ({
      kind: "list",
      objectName: "network",
      items: this.networks.filter((n) => caller.isRootAdmin || n.account === caller.accountName),
    }),
    createNetwork: ({ params, caller }) => {
      this.seenParams.push(params);
      const n: FakeNetwork = { id: `net-${this.nextId++}`, name: params.name ?? "", account: caller.accountName };
      this.networks.push(n);
      return { kind: "object", objectName: "network", object: { ...n } };
    },
    updateNetwork: ({ params }) =>
      networkJob(params.id ?? "", (id) => {
        this.runs.push({ key: `network:${id}`, label: params.name ?? "", at: Date.now() });
        const n = this.find(id);
        if (params.name !== undefined) n.name = params.name;
        return { objectName: "network", object: { ...n } };
      }),
    deleteNetwork: ({ params }) =>
      networkJob(params.id ?? "", (id) => {
        this.find(id);
        this.networks = this.networks.filter((n) => n.id !== id);
        return { success: true };
      }),
    restartNetwork: ({ params }) => ({
      kind: "job",
      queueKey: `network:${params.id ?? ""}`,
      run: (): JobOutcome => {
        throw new ApiError(537, "Failed to restart network: rule conflict", 4360);
      },
    }),
    createTags: () => ({
      kind: "job",
      queueKey: "tags",
      createdId: "created-object-1",
      run: (): JobOutcome => ({ success: true, details: "tagged" }),
    }),
    deleteTags: () => ({ kind: "success", displaytext: "removed" }),
    listDomains: () => {
      throw new ApiError(531, "Caller cannot list domains", 4365, [{ uuid: "domain-root", description: "domain" }]);
    },
    updateConfiguration: () => {
      throw new TypeError("boom from a handler bug");
    },
    listRegions: () => ({ kind: "list", objectName: "region", items: [] }),
  };
}

export interface FakeSimulator {
  backend: FakeBackend;
  wire: WireServer;
  endpoint: string;
}

export async function startFake(options: WireOptions = {}, backend = new FakeBackend()): Promise<FakeSimulator> {
  const wire = await startWireServer(backend, { jobMs: 0, ...options });
  return { backend, wire, endpoint: wire.endpoint };
}
