// During preview any input may be unknown (the engine sends a sentinel string). Unknown values
// are never validated: for every registered kind and each of its samples, making any one input,
// or any one value inside a list or map, unknown leaves check without failures, both through the
// adapter and in the spec's own rules across fields.
import * as assert from "assert";
import { specs, UNKNOWN } from "../../provider";
import { containsUnknown } from "../../provider/adapter/check/unknown";
import { givenInputs } from "../../provider/adapter/check/inputs";
import { startedForSuite } from "../support/fixture-hooks";
import { AddressingFixture, startAddressing } from "../support/addressing-fixture";
import { buildSampleWorld, kindSamples, kindsWithoutSamples } from "../support/kind-samples";
import type { Props } from "../support/network-fixture";

type Path = ReadonlyArray<string | number>;

/** Every value inside `value` (list items, map entries, object fields), as paths below it. */
function innerPaths(value: unknown, at: Path): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => [[...at, i], ...innerPaths(item, [...at, i])]);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => [[...at, key], ...innerPaths(item, [...at, key])]);
  }
  return [];
}

function withUnknownAt(sample: Props, path: Path): Props {
  const copy = structuredClone(sample) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  node[path[path.length - 1]] = UNKNOWN;
  return copy as Props;
}

/** Each input of the kind (given in the sample or not) alone, then each value inside the sample's lists and maps. */
function unknownPositions(kind: string, sample: Props): Path[] {
  const keys = Object.keys(specs[kind as keyof typeof specs].inputs.shape).map((key) => [key]);
  const inner = Object.entries(sample).flatMap(([key, value]) => innerPaths(value, [key]));
  return [...keys, ...inner];
}

describe("unknown values during preview, for every registered kind", function () {
  this.timeout(120_000);
  let fx: AddressingFixture;
  let samples: ReturnType<typeof kindSamples>;
  const kinds = Object.keys(specs) as Array<keyof typeof specs>;

  startedForSuite(startAddressing, async (started) => {
    fx = started;
    samples = kindSamples(await buildSampleWorld(fx.admin.client, (kind) => fx.admin.provider(kind)));
  });

  it("has samples for every registered kind", () => {
    assert.deepStrictEqual(kindsWithoutSamples(kinds, samples), [], "add samples for these kinds to test/provider/kind-samples.ts");
  });

  for (const kind of kinds) {
    it(`${kind}: its samples pass check, and stay without failures with any one value unknown`, async () => {
      const provider = fx.admin.provider(kind);
      const spec = specs[kind];
      const kindSamplesList = samples[kind] ?? [];
      assert.ok(kindSamplesList.length > 0, `no samples for ${kind}`);
      for (const sample of kindSamplesList) {
        const base = await provider.check({}, sample);
        assert.deepStrictEqual(base.failures, [], `${kind} sample ${JSON.stringify(sample)} should pass check`);

        for (const path of unknownPositions(kind, sample)) {
          const news = withUnknownAt(sample, path);
          const where = `${kind} with ${path.join(".")} unknown in ${JSON.stringify(sample)}`;
          const checked = await provider.check({}, news);
          assert.deepStrictEqual(checked.failures, [], where);

          // The spec's own rules, without the adapter's guard: they must consult `known`.
          const given = givenInputs(spec, news);
          const known = (key: string): boolean => !containsUnknown(given[key]);
          assert.deepStrictEqual(spec.validate?.(given, known) ?? [], [], `${where}: validate()`);
        }
      }
    });
  }
});
