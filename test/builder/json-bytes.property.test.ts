// @vitest-environment node
/**
 * The index files written as bytes (json-bytes.ts, facet-index-text.ts) are the JSON that
 * JSON.stringify writes for the same values: a full build and a patch must give the same bytes,
 * and the reader parses them as JSON.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEED_SCHEMA_VERSION } from '../../src/feed/schema';
import { facetIndexText, facetsOf, rowFacetsOf } from '../../src/builder/facet-index-text';
import { JsonBytes } from '../../src/builder/json-bytes';
import { toLists } from '../../src/builder/lists';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('JsonBytes', () => {
  it('writes numbers as JSON.stringify does: int32s digit by digit, any others as it spells them', () => {
    const number = fc.oneof(
      fc.integer(),
      fc.integer({ min: -1, max: 9 }),
      fc.constantFrom(2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 31 - 1, 999_999_999, 1e9, 1e21, 0.5, -0, Number.NaN),
      fc.double(),
    );
    fc.assert(
      fc.property(fc.array(number, { maxLength: 40 }), fc.nat({ max: 8 }), (values, initial) => {
        const bytes = new JsonBytes(initial + 1);
        bytes.ascii('[');
        bytes.ints(values.length, (k) => values[k]!);
        bytes.ascii(']');
        expect(text(bytes.bytes())).toBe(JSON.stringify(values));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('facetIndexText', () => {
  it('is the facet index JSON.stringify would write, its rows counted from the oldest', () => {
    const article = fc.record({
      publishedMs: fc.integer({ min: 0, max: 4_000_000_000_000 }),
      provider: fc.nat({ max: 50 }),
      topics: fc.uniqueArray(fc.nat({ max: 30 }), { maxLength: 4 }),
      type: fc.constantFrom('article', 'video'),
      heat: fc.option(fc.integer({ min: -5, max: 100_000 })),
      quality: fc.option(fc.integer({ min: 0, max: 100 })),
    });
    fc.assert(
      fc.property(fc.array(article, { maxLength: 30 }), fc.stringMatching(/^[0-9a-f]{16}$/), (rows, version) => {
        const topicsOf = rows.map((row) => [...row.topics].sort((a, b) => a - b));
        const columns = {
          time: Float64Array.from(rows, (row) => row.publishedMs),
          provider: Int32Array.from(rows, (row) => row.provider),
          topicsOf: toLists(topicsOf),
          rowFacets: rowFacetsOf(rows),
        };
        const oldestFirst = <T>(of: (row: number) => T) => rows.map((_, k) => of(rows.length - 1 - k));
        expect(text(facetIndexText(version, columns))).toBe(
          JSON.stringify({
            schemaVersion: FEED_SCHEMA_VERSION,
            listVersion: version,
            count: rows.length,
            publishedMinute: oldestFirst((row) => Math.floor(rows[row]!.publishedMs / 60_000)),
            provider: oldestFirst((row) => rows[row]!.provider),
            video: oldestFirst((row) => facetsOf(rows[row]!)[0]),
            heat: oldestFirst((row) => rows[row]!.heat ?? -1),
            quality: oldestFirst((row) => rows[row]!.quality ?? -1),
            topics: oldestFirst((row) => topicsOf[row]),
          }),
        );
      }),
      { numRuns: 500 },
    );
  });
});
