// Every command handler of the simulator's model side, by exact command name.
import type { SimulatorModel } from "../model";
import type { Handler } from "../wire/types";
import { accountHandlers } from "./accounts";
import { capabilityHandlers } from "./capabilities";
import { configurationHandlers } from "./configurations";
import { infrastructureHandlers } from "./infrastructure";
import { networkHandlers } from "./networks";
import { tagHandlers } from "./tags";

export function buildHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    ...capabilityHandlers(model),
    ...accountHandlers(model),
    ...infrastructureHandlers(model),
    ...networkHandlers(model),
    ...tagHandlers(model),
    ...configurationHandlers(model),
  };
}
