import { describe, expect, it } from 'vitest';
import { buildIdOf, feedRefreshFor } from './feed-build';

describe('buildIdOf', () => {
  it('reads the buildId of a feed file', () => {
    expect(buildIdOf({ schemaVersion: 1, buildId: 'a1b2', items: [] })).toBe('a1b2');
  });

  it.each([null, undefined, 'a1b2', 42, {}, { buildId: '' }, { buildId: 7 }])('has none for %j', (data) => {
    expect(buildIdOf(data)).toBeNull();
  });
});

describe('feedRefreshFor', () => {
  const none = new Set<string>();

  it('refreshes when a file comes from another build than the manifest', () => {
    expect(feedRefreshFor('A', 'B', none)).toBe('A→B');
  });

  it('does nothing when the builds agree', () => {
    expect(feedRefreshFor('A', 'A', none)).toBeNull();
  });

  it('does nothing without both builds to compare', () => {
    expect(feedRefreshFor(null, 'B', none)).toBeNull();
    expect(feedRefreshFor('A', null, none)).toBeNull();
  });

  it('handles each mismatch once, so a file that stays behind cannot cause a loop', () => {
    const handled = new Set(['A→B']);
    expect(feedRefreshFor('A', 'B', handled)).toBeNull();
    // After the refresh the manifest is B; a stale cached A file is a new mismatch, handled once too.
    expect(feedRefreshFor('B', 'A', handled)).toBe('B→A');
    expect(feedRefreshFor('B', 'A', new Set([...handled, 'B→A']))).toBeNull();
    // A later build is news again.
    expect(feedRefreshFor('B', 'C', handled)).toBe('B→C');
  });
});
