// CloudStack deletes most rows softly: the row stays in its table with a `removed` date. Work on
// live objects sees live rows only, while UUID resolution (ParamProcessWorker.
// translateUuidToInternalId) still finds a removed row, so a command on a deleted object fails in
// the command's own check rather than in resolution. One base class keeps the four lookups alike.
import { uuidNotFound } from "../errors";

/** A row that is soft-deleted: `removed` is set instead of the row leaving its table. */
export interface SoftDeletable {
  readonly uuid: string;
  removed?: string;
}

export abstract class SoftDeletedRecords<R extends SoftDeletable> {
  /** The whole table, removed rows included; read at each call, never cached. */
  protected abstract rows(): R[];

  /** A live (not removed) row. */
  find(uuid: string): R | undefined {
    return this.rows().find((r) => r.uuid === uuid && !r.removed);
  }

  /** A row by uuid for commands that act on it: removed rows still resolve, as UUID resolution does. */
  resolveIncludingRemoved(param: string, uuid: string): R {
    const row = this.rows().find((r) => r.uuid === uuid);
    if (!row) throw uuidNotFound(param, uuid);
    return row;
  }

  /** Whether the uuid ever named a row (removed ones included). */
  known(uuid: string): boolean {
    return this.rows().some((r) => r.uuid === uuid);
  }

  live(): R[] {
    return this.rows().filter((r) => !r.removed);
  }
}
