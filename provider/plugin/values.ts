// Property values between the engine and the plugin. The plugin answers Configure with
// acceptSecrets = false, so the engine sends resource properties without secret markers and marks
// the outputs of secret inputs itself (provider_plugin.go); provider inputs and invoke arguments
// may still carry them, so every value is unwrapped on the way in.
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import type { PropertyMap } from "../adapter/types";
import { protobufSafeMap } from "../adapter/lifecycle/protobuf-safe";

/** The SDK's special-signature key and its secret signature (sdk/nodejs/runtime/rpc.ts). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isSecretValue(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && value[SIG_KEY] === SECRET_SIG;
}

/** `value` without secret markers. */
export function reveal(value: unknown): unknown {
  if (isSecretValue(value)) return reveal(value.value);
  if (Array.isArray(value)) return value.map(reveal);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
  return value;
}

export function fromStruct(struct: structproto.Struct | undefined): PropertyMap {
  return struct ? (reveal(struct.toJavaScript()) as PropertyMap) : {};
}

export function toStruct(map: PropertyMap): structproto.Struct {
  return structproto.Struct.fromJavaScript(protobufSafeMap(map) as Parameters<typeof structproto.Struct.fromJavaScript>[0]);
}
