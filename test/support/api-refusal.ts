// An assert.rejects validator for a refusal by CloudStack: the client's error with the given
// error code and text (the exact text, or a pattern for texts that embed internal ids).
import * as assert from "assert";
import { CloudStackApiError } from "../../provider/client";

export function apiRefusal(errorcode: number, text: string | RegExp): (err: unknown) => true {
  return (err) => {
    assert.ok(err instanceof CloudStackApiError, String(err));
    assert.strictEqual(err.errorcode, errorcode);
    if (typeof text === "string") assert.strictEqual(err.errortext, text);
    else assert.match(err.errortext, text);
    return true;
  };
}
