import { searchText } from './nodeIds';

describe('searchText', () => {
  it('lower-cases the parts it is given, skipping empty ones', () => {
    expect(searchText(['Plays Hourly', null, 'BigQuery', undefined])).toBe(
      'plays hourly bigquery',
    );
  });

  it('stays within what a PostgreSQL index entry holds, cut at a character boundary', () => {
    const text = searchText(['🎵'.repeat(512), '播'.repeat(512)]);
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(2000);
    expect(text).toBe(`${'🎵'.repeat(500)}`);
    const mixed = searchText(['a', '播'.repeat(700)]);
    expect(mixed).toBe(`a ${'播'.repeat(666)}`);
    expect(mixed.isWellFormed()).toBe(true);
  });
});
