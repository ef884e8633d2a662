// The types of the read-only values kinds report. defineSpec reads each from the field of its
// name in lower case (zoneName from zonename), so a plain attribute is declared by its type and
// description alone.
import { z } from "zod";

/** Text CloudStack reports; null when absent. */
export const text = (description: string) => z.string().nullable().describe(description);

/** Text every object of the kind has (its state, its zone's id). */
export const presentText = (description: string) => z.string().describe(description);

/** A flag CloudStack reports; null when absent. */
export const flag = (description: string) => z.boolean().nullable().describe(description);

/** The names of the owner's domain and project, as CloudStack shows them. */
export const ownerNames = {
  domain: text("The name of the owner's domain."),
  project: text("The name of the owning project, if any."),
};
