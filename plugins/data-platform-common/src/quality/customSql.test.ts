import { customSqlProblem, scopeCustomSql } from './customSql';

const playsHourly = {
  project: 'tunewave-warehouse',
  dataset: 'listening',
  table: 'plays_hourly',
};

describe('customSqlProblem', () => {
  it.each([
    'SELECT play_id FROM `tunewave-warehouse.listening.plays_hourly` WHERE ms_played < 0',
    'SELECT * FROM listening.plays_hourly WHERE country NOT IN ("SE", "NO")',
    'SELECT * FROM plays_hourly, UNNEST(tracks) AS t WHERE t.ms < 0',
    'SELECT country FROM `tunewave-warehouse`.`listening`.`plays_hourly` GROUP BY country HAVING COUNT(*) > 1;',
    'WITH d AS (SELECT play_id, COUNT(*) n FROM plays_hourly GROUP BY play_id) SELECT * FROM d WHERE n > 1',
    'SELECT p.* FROM plays_hourly p LEFT JOIN `tunewave-warehouse.catalog.tracks` t USING (track_id) WHERE t.track_id IS NULL',
  ])('accepts a SELECT reading the table: %s', sql => {
    expect(customSqlProblem(sql, playsHourly)).toBeUndefined();
  });

  it('names where the query stops parsing', () => {
    expect(
      customSqlProblem('SELECT * FROM plays_hourly WHERE plays <', playsHourly),
    ).toMatch(/^does not parse as BigQuery SQL at line 1, column 41/);
  });

  it('refuses DML, DDL and scripts', () => {
    expect(customSqlProblem('DELETE FROM plays_hourly WHERE true')).toBe(
      'must be a SELECT returning the failing rows, not a DELETE',
    );
    expect(customSqlProblem('INSERT INTO plays_hourly VALUES (1)')).toBe(
      'must be a SELECT returning the failing rows, not an INSERT',
    );
    expect(customSqlProblem('CREATE TABLE x AS SELECT 1')).toBe(
      'must be a SELECT returning the failing rows, not a CREATE',
    );
    expect(customSqlProblem('SELECT 1; DROP TABLE plays_hourly')).toBe(
      'must be a single SELECT statement, not 2 statements',
    );
  });

  it('wants the query to read the endpoint table, when its address is known', () => {
    expect(customSqlProblem('SELECT * FROM other_table WHERE x < 0')).toBe(
      undefined,
    );
    expect(
      customSqlProblem('SELECT * FROM other_table WHERE x < 0', playsHourly),
    ).toBe(
      "must read the endpoint's table (plays_hourly, listening.plays_hourly, tunewave-warehouse.listening.plays_hourly) so that it can be limited to the partition checked",
    );
  });

  it('refuses a reference it could not point at the partition', () => {
    // BigQuery reads an unquoted project with a dash in FROM; we cannot
    // tell it from a subtraction, so it must be quoted.
    expect(
      customSqlProblem(
        'SELECT * FROM tunewave-warehouse.listening.plays_hourly WHERE plays < 0',
        playsHourly,
      ),
    ).toBe(
      'names the table as tunewave-warehouse.listening.plays_hourly in a way that cannot be limited to a partition; write it in backticks: `tunewave-warehouse.listening.plays_hourly`',
    );
  });
});

describe('scopeCustomSql', () => {
  it('points every reference at the partition, leaving strings, comments and other tables', () => {
    const sql = [
      'SELECT p.play_id FROM `tunewave-warehouse.listening.plays_hourly` p',
      'JOIN `tunewave-warehouse.catalog.tracks` t ON t.id = p.track_id -- not listening.plays_hourly',
      "WHERE p.source = 'listening.plays_hourly' AND p.play_id IN (SELECT play_id FROM listening.plays_hourly);",
    ].join('\n');
    expect(scopeCustomSql(sql, playsHourly, '"plays_hourly"')).toEqual({
      sql: [
        'SELECT p.play_id FROM "plays_hourly" p',
        'JOIN `tunewave-warehouse.catalog.tracks` t ON t.id = p.track_id -- not listening.plays_hourly',
        'WHERE p.source = \'listening.plays_hourly\' AND p.play_id IN (SELECT play_id FROM "plays_hourly")',
      ].join('\n'),
    });
  });

  it('keeps column references and functions of the same name', () => {
    expect(
      scopeCustomSql(
        'SELECT plays_hourly.plays FROM `listening`.`plays_hourly` WHERE r"x" != plays_hourly(1)',
        playsHourly,
        '`plays_hourly`',
      ),
    ).toEqual({
      sql: 'SELECT plays_hourly.plays FROM `plays_hourly` WHERE r"x" != plays_hourly(1)',
    });
  });

  it('passes the problem on', () => {
    expect(
      scopeCustomSql('UPDATE plays_hourly SET plays = 0', playsHourly, 'x'),
    ).toEqual({
      problem: 'must be a SELECT returning the failing rows, not an UPDATE',
    });
  });
});
