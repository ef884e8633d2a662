// The engine stand-in: runs real Pulumi programs with the real SDK for tests and the demo.
export { LocalStack, LocalStackOptions, RunResult } from "./local-stack";
export { StepEvent, StepOp, RunKind } from "./steps";
export { StackState, ResourceState, ConfigValue, PendingOperation, PendingOperationType } from "./stack-files";
export { linkPackage, findRepoRoot } from "./package-link";
export { readProject } from "./program-runner";
export { stepLine, renderValue } from "./plan-format";
export { isSecret, unknownValue, specialSigKey, secretSig } from "./property-values";
