import { sqlWithBindings } from './sqlWithBindings';

describe('sqlWithBindings', () => {
  it('writes each binding in as a literal, in order', () => {
    expect(
      sqlWithBindings(
        'SELECT COUNT(*) FROM t WHERE "ts" >= ? AND "ts" < ? AND n > ? AND ok = ? AND x IS ?',
        ['2026-01-05T09:00:00.000Z', "it's", 3, true, null],
      ),
    ).toBe(
      `SELECT COUNT(*) FROM t WHERE "ts" >= '2026-01-05T09:00:00.000Z' AND "ts" < 'it''s' AND n > 3 AND ok = TRUE AND x IS NULL`,
    );
  });

  it('leaves question marks in strings, quoted names and comments alone', () => {
    expect(
      sqlWithBindings(
        `SELECT '?' AS q, "a?b", \`c?\` -- why?\nFROM t /* ? */ WHERE n = ?`,
        [1],
      ),
    ).toBe(
      `SELECT '?' AS q, "a?b", \`c?\` -- why?\nFROM t /* ? */ WHERE n = 1`,
    );
  });

  it('gives up when placeholders and bindings do not pair up', () => {
    expect(sqlWithBindings('SELECT ?', [])).toBeUndefined();
    expect(sqlWithBindings('SELECT 1', [2])).toBeUndefined();
    expect(sqlWithBindings('SELECT 1')).toBe('SELECT 1');
  });
});
