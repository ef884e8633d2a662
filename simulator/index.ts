// The CloudStack API simulator: the model (state and CloudStack's rules) behind the wire layer
// (HTTP, signatures, envelopes, jobs). Start it in-process with startSimulator, or run the
// cloudstack-sim CLI.
import { SimulatorModel } from "./model";
import { buildHandlers } from "./api";
import { Backend, RawParams } from "./wire/types";
import { startWireServer, type WireOptions } from "./wire/server";
import { readStateFile } from "./wire/state-file";
import { FaultControl, FaultSpec } from "./wire/faults";

export { SimulatorModel };
export { ApiError } from "./errors";
export { FAULT_KINDS, parseFaultSpec } from "./wire/faults";
export type { FaultControl, FaultCounts, FaultKind, FaultSpec } from "./wire/faults";
export type { Caller } from "./caller";
export type { ThrottlingOptions, ThrottlingSettings } from "./wire/throttling";
export type { Handler, HandlerContext, HandlerResult, JobOutcome, RawParams } from "./wire/types";

/** What the model itself is told: how long the work CloudStack does in the background takes. */
export interface ModelOptions {
  /** How long a registered template takes to download before it is Ready, in ms; default 300. */
  templateDownloadMs?: number;
}

/** The wire server's options, less the jobs it is handed back from a state file (startSimulator reads that itself), and the model's. */
export type SimulatorOptions = Omit<WireOptions, "restoredJobs"> & ModelOptions;

export interface RunningSimulator {
  /** http://127.0.0.1:PORT/client/api */
  endpoint: string;
  /** Root admin keys. */
  admin: { apiKey: string; secretKey: string };
  /** Keys of a normal user account. */
  user: { apiKey: string; secretKey: string };
  model: SimulatorModel;
  /** Fault injection at run time: set(spec | undefined), get(), counts() per kind, resetCounts(). */
  faults: FaultControl;
  /** Resolves once every change so far is in the state file (no-op without one). */
  flushState(): Promise<void>;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const saved = options.statePath ? readStateFile(options.statePath) : undefined;
  const model = new SimulatorModel(saved?.model);
  if (options.templateDownloadMs !== undefined) model.templateDownloadMs = options.templateDownloadMs;
  const backend: Backend = {
    handlers: buildHandlers(model),
    findApiKey: (apiKey) => model.findApiKey(apiKey),
    snapshot: () => model.snapshot(),
    snapshotJson: () => model.snapshotJson(),
    configValue: (name) => model.configValue(name),
  };
  const { templateDownloadMs: _model, ...wireOptions } = options;
  const wire = await startWireServer(backend, { ...wireOptions, restoredJobs: saved?.jobs });
  const { admin, user } = model.credentials();
  return { endpoint: wire.endpoint, admin, user, model, faults: wire.faults, flushState: wire.flushState, close: wire.close };
}
