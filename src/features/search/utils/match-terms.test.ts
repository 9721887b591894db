import { describe, expect, it } from 'vitest';
import { decodeRows, intersectSorted, matchTerms, queryTerms, termShardKeys, type TermRows } from './match-terms';

// Delta-encoded, as the builder writes them.
const shards = new Map<string, TermRows | null>([
  ['po', { portal: [1, 2], portals: [0, 5], power: [0, 1, 1, 1, 1] }],
  ['ap', { apps: [3, 2] }],
  ['zz', null],
]);
const match = (q: string) => [...matchTerms(queryTerms(q), shards, 10)];

describe('queryTerms', () => {
  it('splits like the builder and drops repeats and stop words', () => {
    expect(queryTerms('The Portals, and PORTALS of Power')).toEqual(['portals', 'power']);
  });

  it('lists the shards the terms live in', () => {
    expect(termShardKeys(['portals', 'power', 'apps'])).toEqual(['po', 'ap']);
  });
});

describe('matchTerms', () => {
  it('matches the last term as a prefix', () => {
    expect(match('po')).toEqual([0, 1, 2, 3, 4, 5]);
    expect(match('portal')).toEqual([0, 1, 3, 5]);
  });

  it('matches earlier terms exactly and ANDs all of them', () => {
    expect(match('portal apps')).toEqual([3]);
    expect(match('apps portal')).toEqual([3, 5]);
    expect(match('portal pow')).toEqual([1, 3]);
  });

  it('finds nothing for unknown words or missing shards', () => {
    expect(match('portalz')).toEqual([]);
    expect(match('zzz')).toEqual([]);
    expect(match('qq')).toEqual([]);
  });
});

describe('decodeRows and intersectSorted', () => {
  it('decode gaps into rows', () => {
    expect([...decodeRows([3, 1, 4])]).toEqual([3, 4, 8]);
    expect([...decodeRows(undefined)]).toEqual([]);
  });

  it('intersect sorted rows', () => {
    expect([...intersectSorted(Uint32Array.from([1, 3, 5, 7]), Uint32Array.from([3, 4, 7]))]).toEqual([3, 7]);
  });
});
