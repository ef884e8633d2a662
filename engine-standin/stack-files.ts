// The stand-in's files for one stack, all under one state directory:
//   <project>-<stack>.json         the state (resources, stack outputs); secrets as ciphertext
//   <project>-<stack>.config.json  the stack config; secret values as ciphertext
//   <project>-<stack>.key          the per-stack encryption key, kept apart from the state
// Secrets are stored the way a Pulumi checkpoint stores them: the secret signature object with a
// `ciphertext` field instead of `value` (pkg/resource/stack/deployment.go SerializePropertyValue).
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { PropertyMap, isRecord, isSecret, specialSigKey, secretSig } from "./property-values";

export interface CustomTimeouts {
  create?: string;
  update?: string;
  delete?: string;
}

/** One resource in a stack's state (the fields of apitype.ResourceV3 the stand-in uses). */
export interface ResourceState {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  id?: string;
  parent?: string;
  inputs: PropertyMap;
  outputs: PropertyMap;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  deleteBeforeReplace?: boolean;
  additionalSecretOutputs?: string[];
  ignoreChanges?: string[];
  customTimeouts?: CustomTimeouts;
  protect?: boolean;
  retainOnDelete?: boolean;
  /** Reasons a create or update failed after the object came to exist (apitype InitErrors). */
  initErrors?: string[];
  /** Read with `get`, not managed: never updated or deleted (apitype External). */
  external?: boolean;
  /** Replaced, waiting for deletion (apitype Delete): deleted at the end of the run or the next one. */
  delete?: boolean;
  /** The provider reference "<urn>::<id>" a resource was registered with (apitype Provider). */
  provider?: string;
}

/** What a step was doing when the run ended before it finished (apitype.OperationType). */
export type PendingOperationType = "creating" | "updating" | "deleting";

/**
 * A step that had started and not finished when the state was last written (apitype.OperationV2:
 * the resource as the step meant to make it, and what the step was doing). The snapshot manager
 * records one before each create, update and delete and removes it when the step ends
 * (pkg/backend/snapshot.go markOperationPending / markOperationComplete), so a state file left
 * by a killed run names every operation whose outcome is unknown.
 */
export interface PendingOperation {
  resource: ResourceState;
  type: PendingOperationType;
}

export interface StackState {
  version: 1;
  project: string;
  stack: string;
  resources: ResourceState[];
  outputs: PropertyMap;
  /** Absent when no operation is pending (apitype.DeploymentV3 pending_operations). */
  pendingOperations?: PendingOperation[];
}

export interface ConfigValue {
  value: string;
  secret: boolean;
}

export class StackFiles {
  readonly statePath: string;
  readonly configPath: string;
  readonly keyPath: string;

  constructor(readonly stateDir: string, readonly project: string, readonly stack: string) {
    const base = path.join(stateDir, `${project}-${stack}`);
    this.statePath = `${base}.json`;
    this.configPath = `${base}.config.json`;
    this.keyPath = `${base}.key`;
  }

  /**
   * Ciphertexts already written, by key and plaintext: a secret keeps its ciphertext from one
   * checkpoint to the next (as Pulumi's caching crypter does), so the checkpoint written after
   * every step does not encrypt every secret of the stack again.
   */
  private readonly ciphertexts = new Map<string, string>();

  private key(): Buffer {
    if (!fs.existsSync(this.keyPath)) {
      fs.mkdirSync(this.stateDir, { recursive: true });
      fs.writeFileSync(this.keyPath, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
    }
    return Buffer.from(fs.readFileSync(this.keyPath, "utf8").trim(), "hex");
  }

  encrypt(plain: unknown): string {
    return this.encryptWith(this.key(), plain);
  }

  private encryptWith(key: Buffer, plain: unknown): string {
    const text = JSON.stringify(plain ?? null);
    const cacheKey = `${key.toString("hex")}:${text}`;
    const known = this.ciphertexts.get(cacheKey);
    if (known !== undefined) return known;
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
    const data = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
    const ciphertext = `v1:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64")}`;
    this.ciphertexts.set(cacheKey, ciphertext);
    return ciphertext;
  }

  decrypt(ciphertext: string): unknown {
    const raw = Buffer.from(ciphertext.replace(/^v1:/, ""), "base64");
    const decipher = crypto.createDecipheriv("aes-256-gcm", this.key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8"));
  }

  /** Replaces each secret's value by its ciphertext, deeply. */
  private seal(value: unknown, key: Buffer): unknown {
    if (isSecret(value)) return { [specialSigKey]: secretSig, ciphertext: this.encryptWith(key, value.value) };
    if (Array.isArray(value)) return value.map((v) => this.seal(v, key));
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.seal(v, key)]));
    return value;
  }

  private unseal(value: unknown): unknown {
    if (isSecret(value) && typeof value.ciphertext === "string") {
      return { [specialSigKey]: secretSig, value: this.decrypt(value.ciphertext) };
    }
    if (Array.isArray(value)) return value.map((v) => this.unseal(v));
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.unseal(v)]));
    return value;
  }

  readState(): StackState {
    if (!fs.existsSync(this.statePath)) {
      return { version: 1, project: this.project, stack: this.stack, resources: [], outputs: {} };
    }
    return this.unseal(JSON.parse(fs.readFileSync(this.statePath, "utf8"))) as StackState;
  }

  /** Atomic write (temp file + rename), as the file backend writes checkpoints. */
  writeState(state: StackState): void {
    fs.mkdirSync(this.stateDir, { recursive: true });
    const tmp = `${this.statePath}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, this.stateText(state, this.key()));
    fs.renameSync(tmp, this.statePath);
  }

  /**
   * Each resource's text, by the resource state object it was made from. The deployment
   * replaces a resource's state object when the resource changes (it never edits one in place),
   * so a checkpoint after each step only serializes the resources that step touched, not the
   * whole stack again.
   */
  private readonly resourceTexts = new WeakMap<ResourceState, { key: string; text: string }>();

  /** The state as JSON.stringify(sealed, null, 2) would write it. */
  private stateText(state: StackState, key: Buffer): string {
    const keyHex = key.toString("hex");
    const marker = `\u0000resources-${crypto.randomBytes(6).toString("hex")}`;
    const resourceTexts = state.resources.map((resource) => {
      const known = this.resourceTexts.get(resource);
      if (known?.key === keyHex) return known.text;
      const text = `    ${JSON.stringify(this.seal(resource, key), null, 2).replace(/\n/g, "\n    ")}`;
      this.resourceTexts.set(resource, { key: keyHex, text });
      return text;
    });
    const frame = JSON.stringify(this.seal({ ...state, resources: marker }, key), null, 2);
    const list = resourceTexts.length ? `[\n${resourceTexts.join(",\n")}\n  ]` : "[]";
    return frame.replace(JSON.stringify(marker), () => list);
  }

  readConfig(): Record<string, ConfigValue> {
    if (!fs.existsSync(this.configPath)) return {};
    const stored = JSON.parse(fs.readFileSync(this.configPath, "utf8")) as Record<string, { value?: string; secure?: string }>;
    const out: Record<string, ConfigValue> = {};
    for (const [k, v] of Object.entries(stored)) {
      out[k] = v.secure !== undefined ? { value: String(this.decrypt(v.secure)), secret: true } : { value: v.value ?? "", secret: false };
    }
    return out;
  }

  /** Like `pulumi config set [--secret] key value`. */
  setConfig(key: string, value: string, secret: boolean): void {
    fs.mkdirSync(this.stateDir, { recursive: true });
    const stored = fs.existsSync(this.configPath)
      ? (JSON.parse(fs.readFileSync(this.configPath, "utf8")) as Record<string, unknown>)
      : {};
    stored[key] = secret ? { secure: this.encrypt(value) } : { value };
    fs.writeFileSync(this.configPath, JSON.stringify(stored, null, 2));
  }
}
