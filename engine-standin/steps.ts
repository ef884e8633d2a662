// What a run did, step by step, in the engine's own vocabulary (pkg/resource/deploy/step.go:
// OpSame, OpCreate, OpUpdate, OpDelete, OpReplace, OpCreateReplacement, OpDeleteReplaced,
// OpRead, OpImport, OpRefresh, OpReadDiscard).
export type StepOp =
  | "same"
  | "create"
  | "update"
  | "delete"
  | "replace"
  | "create-replacement"
  | "delete-replaced"
  | "read"
  | "import"
  | "refresh"
  | "discard";

export interface StepEvent {
  op: StepOp;
  urn: string;
  type: string;
  name: string;
  /** Inputs (or, for refresh, outputs) that differ from the old state. */
  diffKeys: string[];
  /** For a replacement: the inputs the provider said cannot change in place. */
  replaceKeys: string[];
  deleteBeforeReplace: boolean;
  /** Refresh only: the object no longer exists and left the state. */
  gone: boolean;
  /** Set when the step failed; the message as the run reported it. */
  error?: string;
  startedAt: number;
  endedAt: number;
}

export type RunKind = "preview" | "up" | "refresh" | "destroy";
