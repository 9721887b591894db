import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, hasActiveFilters, parseDay, parseFilters, serializeFilters, toggleTopic } from './filters';

const parse = (query: string) => parseFilters(new URLSearchParams(query));

describe('parseFilters', () => {
  it('gives the defaults for an empty query string', () => {
    expect(parse('')).toEqual(EMPTY_FILTERS);
  });

  it('reads every filter', () => {
    expect(
      parse('topic=ai&topic=portals&provider=bbc-com&type=video&from=2023-09-01&to=2023-09-30&q=llama&sort=trending'),
    ).toEqual({
      topics: ['ai', 'portals'],
      provider: 'bbc-com',
      type: 'video',
      from: '2023-09-01',
      to: '2023-09-30',
      q: 'llama',
      sort: 'trending',
    });
  });

  it('drops values it does not understand instead of failing', () => {
    expect(
      parse('topic=Not%20A%20Slug&topic=ai&topic=ai&provider=&type=podcast&from=2023-02-30&to=soon&sort=random'),
    ).toEqual({
      ...EMPTY_FILTERS,
      topics: ['ai'],
    });
  });

  it('trims and bounds the text query', () => {
    expect(parse('q=%20%20portal%20%20').q).toBe('portal');
    expect(parse(`q=${'x'.repeat(500)}`).q).toHaveLength(200);
  });
});

describe('serializeFilters', () => {
  it('leaves defaults out', () => {
    expect(serializeFilters(EMPTY_FILTERS).toString()).toBe('');
  });

  it('round-trips through parseFilters in a canonical order', () => {
    const query = 'sort=quality&q=canvas+apps&to=2023-10-01&type=article&topic=ai&provider=cnn-com&topic=portals';
    const canonical = serializeFilters(parse(query)).toString();
    expect(canonical).toBe(
      'topic=ai&topic=portals&provider=cnn-com&type=article&to=2023-10-01&q=canvas+apps&sort=quality',
    );
    expect(parse(canonical)).toEqual(parse(query));
  });
});

describe('hasActiveFilters', () => {
  it('is false only for the defaults', () => {
    expect(hasActiveFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, sort: 'trending' })).toBe(true);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, q: '   ' })).toBe(false);
  });
});

describe('toggleTopic', () => {
  it('adds a missing topic and removes a present one', () => {
    const withAi = toggleTopic(EMPTY_FILTERS, 'ai');
    expect(withAi.topics).toEqual(['ai']);
    expect(toggleTopic(toggleTopic(withAi, 'portals'), 'ai').topics).toEqual(['portals']);
  });
});

describe('parseDay', () => {
  it('accepts real calendar days only', () => {
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    expect(parseDay('2023-02-29')).toBeNull();
    expect(parseDay('2023-13-01')).toBeNull();
    expect(parseDay('2023-1-01')).toBeNull();
    expect(parseDay(null)).toBeNull();
  });
});
