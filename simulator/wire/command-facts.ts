// The parameter facts of the implemented commands, generated into simulator/data/commands.json
// by scripts/generate-simulator-commands.js from CloudStack's own annotations.
import commandsData from "../data/commands.json";

export type ParamType = string;

export interface ParamFact {
  name: string;
  /** CommandType of the @Parameter: STRING, UUID, INTEGER, LONG, BOOLEAN, DATE, LIST, MAP... */
  type: ParamType;
  required: boolean;
  description: string;
  /** For UUID parameters: a list command returning the entity the parameter names. */
  related?: string;
}

export interface ResponseFieldFact {
  name: string;
  type: string;
  description: string;
}

export interface CommandFact {
  name: string;
  /** Java class name with its package, as job records report it. */
  className: string;
  description: string;
  isAsync: boolean;
  isAsyncCreate: boolean;
  isList: boolean;
  responseName: string;
  objectName: string | null;
  params: ReadonlyArray<ParamFact>;
  /** Extra parameters of the *CmdByAdmin variant: accepted from root admins only. */
  adminParams: ReadonlyArray<ParamFact>;
  /** Names of MAP parameters, sent as name[i].key=value. */
  mapParams: ReadonlySet<string>;
  /** Fields of the response object, for listApis. */
  response: ReadonlyArray<ResponseFieldFact>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function toParams(value: unknown, where: string): ParamFact[] {
  if (!Array.isArray(value)) throw new Error(`commands.json: ${where} is not a list`);
  return value.map((p: unknown) => {
    if (!isRecord(p) || typeof p.name !== "string" || typeof p.type !== "string") {
      throw new Error(`commands.json: bad parameter in ${where}`);
    }
    return {
      name: p.name,
      type: p.type,
      required: p.required === true,
      description: typeof p.description === "string" ? p.description : "",
      ...(typeof p.related === "string" ? { related: p.related } : {}),
    };
  });
}

/** Validates the generated file's shape once at load. */
export function parseCommandFacts(data: unknown): ReadonlyMap<string, CommandFact> {
  if (!isRecord(data) || !isRecord(data.commands)) throw new Error("commands.json: no commands object");
  const out = new Map<string, CommandFact>();
  for (const [name, raw] of Object.entries(data.commands)) {
    if (!isRecord(raw) || typeof raw.className !== "string" || typeof raw.responseName !== "string") {
      throw new Error(`commands.json: bad entry ${name}`);
    }
    const params = toParams(raw.params, `${name}.params`);
    const adminParams = toParams(raw.adminParams ?? [], `${name}.adminParams`);
    out.set(name, {
      name,
      className: raw.className,
      description: typeof raw.description === "string" ? raw.description : "",
      isAsync: raw.isAsync === true,
      isAsyncCreate: raw.isAsyncCreate === true,
      isList: raw.isList === true,
      responseName: raw.responseName,
      objectName: typeof raw.objectName === "string" ? raw.objectName : null,
      params,
      adminParams,
      response: (Array.isArray(raw.response) ? raw.response : []).filter(isRecord).map((f) => ({
        name: String(f.name),
        type: String(f.type),
        description: typeof f.description === "string" ? f.description : "",
      })),
      mapParams: new Set([...params, ...adminParams].filter((p) => p.type === "MAP").map((p) => p.name)),
    });
  }
  return out;
}

export const COMMAND_FACTS: ReadonlyMap<string, CommandFact> = parseCommandFacts(commandsData as unknown);
