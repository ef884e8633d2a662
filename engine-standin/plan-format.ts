// The text a run prints, in the shape a Pulumi user knows from `pulumi preview` / `pulumi up`:
// one line per step with its symbol, type, name and operation, the changed inputs in
// `[diff: ~key]`, the stack outputs, and a summary of changes.
import { LogEntry } from "./monitor";
import { PropertyMap, isRecord, isSecret, unknownValue } from "./property-values";
import { RunKind, StepEvent, StepOp } from "./steps";
import { displayType } from "./urn";

const symbols: Record<StepOp, string> = {
  same: " ",
  create: "+",
  update: "~",
  delete: "-",
  replace: "+-",
  "create-replacement": "++",
  "delete-replaced": "--",
  read: ">",
  import: "=",
  refresh: "~",
  discard: "<",
};

const headers: Record<RunKind, string> = {
  preview: "Previewing update",
  up: "Updating",
  refresh: "Refreshing",
  destroy: "Destroying",
};

export function stepLine(e: StepEvent): string {
  let line = `    ${symbols[e.op]} ${displayType(e.type)} ${e.name} ${e.op}`;
  if (e.op === "refresh") {
    line = e.gone ? `    - ${displayType(e.type)} ${e.name} refresh [gone]` : line;
  }
  const diff = e.diffKeys.map((k) => `~${k}`).join(",");
  if (diff) line += ` [diff: ${diff}]`;
  if (e.replaceKeys.length) line += ` [replace: ${e.replaceKeys.join(",")}]`;
  if (e.deleteBeforeReplace && (e.op === "replace" || e.op === "delete-replaced")) line += " [delete before replace]";
  if (e.error) line += ` **failed**: ${e.error}`;
  return line;
}

/**
 * Whether the plan shows the step: unchanged resources and clean refreshes stay quiet, and a
 * preview shows a replacement as its one `+-` line, as Pulumi does.
 */
function shown(e: StepEvent, kind: RunKind): boolean {
  if (e.error) return true;
  if (e.op === "same") return false;
  if (kind === "preview" && (e.op === "create-replacement" || e.op === "delete-replaced")) return false;
  if (e.op === "refresh") return e.gone || e.diffKeys.length > 0;
  return true;
}

export function renderValue(value: unknown): string {
  if (isSecret(value)) return "[secret]";
  if (value === unknownValue) return "output<unknown>";
  if (Array.isArray(value)) return `[${value.map(renderValue).join(", ")}]`;
  if (isRecord(value)) return `{${Object.entries(value).map(([k, v]) => `${k}: ${renderValue(v)}`).join(", ")}}`;
  return JSON.stringify(value);
}

export function summarize(events: StepEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) {
    if (e.error) continue;
    if (e.op === "create-replacement" || e.op === "delete-replaced") continue;
    const key = e.op === "refresh" ? (e.gone ? "refresh-gone" : e.diffKeys.length ? "refresh-drift" : "refresh-same") : e.op;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export function renderPlan(options: {
  kind: RunKind;
  stack: string;
  events: StepEvent[];
  outputs: PropertyMap;
  logs: LogEntry[];
  errors: string[];
  durationMs: number;
}): string {
  const { kind, events } = options;
  const lines: string[] = [`${headers[kind]} (${options.stack}):`];
  lines.push(...events.filter((e) => shown(e, kind)).map(stepLine));
  const diagnostics = options.logs.filter((l) => l.severity !== "debug" && l.message.trim());
  if (diagnostics.length || options.errors.length) {
    lines.push("", "Diagnostics:");
    for (const l of diagnostics) {
      const [first, ...rest] = l.message.trim().split("\n");
      lines.push(`    ${l.severity}: ${first}`, ...rest.map((r) => `      ${r}`));
    }
    for (const e of options.errors) lines.push(`    error: ${e}`);
  }
  const outputs = Object.entries(options.outputs);
  if (outputs.length && kind !== "destroy") {
    lines.push("", "Outputs:");
    for (const [k, v] of outputs) lines.push(`    ${k}: ${renderValue(v)}`);
  }
  lines.push("", "Resources:");
  // deployment_executor.go reportExecResult: a preview that failed reports "preview failed";
  // counting what it would create would promise changes the errors above prevent.
  if (kind === "preview" && options.errors.length) {
    lines.push("    preview failed", "", `Duration: ${(options.durationMs / 1000).toFixed(1)}s`);
    return lines.join("\n");
  }
  const counts = summarize(events);
  const future = kind === "preview";
  const verbs: Array<[string, string, string]> = [
    ["create", "+", future ? "to create" : "created"],
    ["update", "~", future ? "to update" : "updated"],
    ["replace", "+-", future ? "to replace" : "replaced"],
    ["delete", "-", future ? "to delete" : "deleted"],
    ["read", ">", "read"],
    ["import", "=", future ? "to import" : "imported"],
    ["refresh-drift", "~", "drifted"],
    ["refresh-gone", "-", "gone"],
  ];
  let changes = 0;
  for (const [op, sym, verb] of verbs) {
    if (counts[op]) {
      lines.push(`    ${sym} ${counts[op]} ${verb}`);
      if (op !== "read") changes += counts[op];
    }
  }
  const unchanged = (counts.same ?? 0) + (counts["refresh-same"] ?? 0);
  if (unchanged) lines.push(`    ${unchanged} unchanged`);
  if (!changes && kind !== "refresh") lines.push("    no changes");
  lines.push("", `Duration: ${(options.durationMs / 1000).toFixed(1)}s`);
  return lines.join("\n");
}
