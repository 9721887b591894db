// @vitest-environment node
/**
 * How a rebuild changes the ranking's lists (lists.ts): in place, within a growable buffer,
 * exactly as by copying, whatever the lists and the change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { growableValues, patchLists, relaidRows, toLists, type Lists } from '../../src/builder/lists';
import { relaidRowValues, remapped } from '../../src/builder/row-insertion';

/** The lists, their values copied into a growable buffer with `room` to spare. */
function growable(lists: readonly number[][], room: number): Lists {
  const flat = toLists(lists);
  const values = growableValues(flat.values.length, room);
  values.set(flat.values);
  return { start: flat.start, values };
}

const listsOf = fc.array(fc.array(fc.integer(), { maxLength: 4 }), { maxLength: 12 });

describe('patchLists', () => {
  const replacementsOf = fc.array(fc.tuple(fc.nat({ max: 15 }), fc.array(fc.integer(), { maxLength: 4 })));
  const patch = (lists: number[][], replacements: [number, number[]][], extra: number) => {
    const count = Math.max(lists.length, ...replacements.map(([list]) => list + 1)) + extra;
    const replaced = new Map(replacements.map(([list, values]) => [list % count, values]));
    const expected = Array.from({ length: count }, (_, list) => replaced.get(list) ?? lists[list] ?? []);
    return { count, replaced, expected: toLists(expected) };
  };

  it('gives the lists toLists gives for the patched lists of lists', () => {
    fc.assert(
      fc.property(listsOf, replacementsOf, fc.nat({ max: 4 }), (lists, replacements, extra) => {
        const { count, replaced, expected } = patch(lists, replacements, extra);
        expect(patchLists(toLists(lists), replaced, count)).toEqual(expected);
      }),
    );
  });

  it('gives the same lists in place, moving values within their buffer, when it has room', () => {
    fc.assert(
      fc.property(
        listsOf,
        replacementsOf,
        fc.nat({ max: 4 }),
        fc.nat({ max: 8 }),
        (lists, replacements, extra, room) => {
          const { count, replaced, expected } = patch(lists, replacements, extra);
          const flat = toLists(lists);
          const values = growableValues(flat.values.length, room);
          values.set(flat.values);
          const patched = patchLists({ start: flat.start, values }, replaced, count);
          expect(patched).toEqual(expected);
          expect(patched.values.buffer === values.buffer).toBe(expected.values.length <= flat.values.length + room);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

/**
 * A new order of rows: each old row kept (in order) or not, new rows put in between. newToOld:
 * per new row, its old row or -1 - the new row's index; oldToNew: per old row, its new one or -1.
 */
const reordering = (oldCount: number) =>
  fc
    .tuple(fc.array(fc.boolean(), { minLength: oldCount, maxLength: oldCount }), fc.array(fc.nat(), { maxLength: 4 }))
    .map(([kept, at]) => {
      const order: number[] = [];
      kept.forEach((keep, old) => {
        if (keep) order.push(old);
      });
      at.forEach((place, i) => order.splice(place % (order.length + 1), 0, -1 - i));
      const newToOld = Int32Array.from(order);
      const oldToNew = new Int32Array(oldCount).fill(-1);
      newToOld.forEach((old, row) => {
        if (old >= 0) oldToNew[old] = row;
      });
      return { newToOld, oldToNew, added: at.length };
    });

describe('relaidRows', () => {
  it("gives each new row its old row's list or its own, in place when there is room", () => {
    fc.assert(
      fc.property(
        listsOf.chain((lists) => fc.tuple(fc.constant(lists), reordering(lists.length), fc.nat({ max: 8 }))),
        ([lists, { newToOld }, room]) => {
          const own = (i: number) => [1000 + i, 2000 + i].slice(0, i % 3);
          const expected = toLists(Array.from(newToOld, (old) => (old >= 0 ? lists[old]! : own(-1 - old))));
          expect(relaidRows(toLists(lists), newToOld, own)).toEqual(expected);
          const values = growable(lists, room);
          const relaid = relaidRows(values, newToOld, own);
          expect(relaid).toEqual(expected);
          const fits = expected.values.length <= values.values.length + room;
          expect(relaid.values.buffer === values.values.buffer).toBe(fits);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('remapped', () => {
  it('renumbers lists of rows, leaves out removed rows and merges in new ones, in place when growable', () => {
    const rowLists = fc
      .nat({ max: 10 })
      .chain((rows) =>
        fc.tuple(
          fc.constant(rows),
          fc.array(fc.uniqueArray(fc.nat({ max: Math.max(0, rows - 1) }), { maxLength: rows }), { maxLength: 6 }),
          reordering(rows),
          fc.nat({ max: 3 }),
          fc.nat({ max: 8 }),
        ),
      );
    fc.assert(
      fc.property(rowLists, ([rows, unsorted, { newToOld, oldToNew }, extraLists, room]) => {
        const lists = rows === 0 ? unsorted.map(() => []) : unsorted.map((list) => [...list].sort((a, b) => a - b));
        const count = lists.length + extraLists;
        // Each new row joins list (its index mod count), when there are lists.
        const added = new Map<number, number[]>();
        newToOld.forEach((old, row) => {
          if (old < 0 && count > 0) added.set((-1 - old) % count, [...(added.get((-1 - old) % count) ?? []), row]);
        });
        const expected = toLists(
          Array.from({ length: count }, (_, list) =>
            [
              ...(lists[list] ?? []).map((old) => oldToNew[old]!).filter((row) => row >= 0),
              ...(added.get(list) ?? []),
            ].sort((a, b) => a - b),
          ),
        );
        // Lists that are not growable are the state's as it was read: they stay as they were.
        const fixed = toLists(lists);
        expect(remapped(fixed, oldToNew, added, count)).toEqual(expected);
        expect(fixed).toEqual(toLists(lists));
        expect(remapped(growable(lists, room), oldToNew, added, count)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('relaidRowValues', () => {
  it("gives each new row its old row's values or its own, a fixed number a row", () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.nat({ max: 12 }), fc.integer({ min: 1, max: 3 }))
          .chain(([rows, width]) =>
            fc.tuple(
              fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: rows * width, maxLength: rows * width }),
              fc.constant(width),
              reordering(rows),
            ),
          ),
        ([flat, width, { newToOld }]) => {
          const own = (i: number) => Array.from({ length: width }, (_, k) => 5000 + i * 10 + k);
          const expected = Array.from(newToOld, (old) =>
            old >= 0 ? flat.slice(old * width, (old + 1) * width) : own(-1 - old),
          ).flat();
          expect(Array.from(relaidRowValues(Int32Array.from(flat), width, newToOld, own))).toEqual(expected);
          expect(relaidRowValues(Float64Array.from(flat), width, newToOld, own)).toBeInstanceOf(Float64Array);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
