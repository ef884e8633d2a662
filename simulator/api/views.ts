// Response objects as CloudStack serializes them: a field with no value is left out, not null.

/** Drops the fields of `view` that are undefined, in place, and returns it. */
export function withoutUndefined(view: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(view)) if (view[k] === undefined) delete view[k];
  return view;
}
