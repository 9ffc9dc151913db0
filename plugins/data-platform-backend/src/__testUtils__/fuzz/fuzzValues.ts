import fc from 'fast-check';

/**
 * Strings that have broken backends before: empty and blank, NUL, lone
 * surrogates, byte order marks, over-long names (one past the columns'
 * 512), multi-byte text past the index limits, SQL and path fragments,
 * percent escapes, control characters.
 */
const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '\uFEFF',
  '\uFEFFplays',
  '\r\n',
  'x'.repeat(512),
  'x'.repeat(513),
  'é'.repeat(600),
  '🎵'.repeat(600),
  '播'.repeat(400),
  "' OR 1=1 --",
  '"; DROP TABLE lineage_nodes; --',
  '%',
  '%00',
  '%ED%A0%80',
  '../../etc/passwd',
  'gs://bucket/path/with/slashes',
  'openlineage:dataset:bigquery/x',
  'openlineage:job:/',
  'pipeline:default/',
  ':::',
  '\\',
  '\u202Eevil',
  'NaN',
  '-1',
  '1e400',
  '99999999999999999999',
];

/** Any string, weighted towards the edge cases above. */
export const edgyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 2, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.string({ unit: 'binary' }) },
  {
    weight: 1,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.integer({ min: 0xd800, max: 0xdfff }),
          fc.integer({ min: 0, max: 0x1f }),
          fc.integer({ min: 0x20, max: 0x7e }),
        ),
        { maxLength: 20 },
      )
      .map(units => String.fromCharCode(...units)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('x', 'é', '🎵', '\u0000'),
        fc.integer({ min: 500, max: 70_000 }),
      )
      .map(([unit, count]) => unit.repeat(count)),
  },
);

/** Date-times that pass a format check but name no real instant, and others. */
export const edgyDateTime: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '2024-13-01T00:00:00Z',
    '2024-01-01T23:59:60Z',
    '2024-02-30T00:00:00Z',
    '2023-02-29T12:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T10:00:00',
    '2024-01-01T10:00:00+25:00',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999999999Z',
    '2024-01-01',
    '2026-11-26T10:05:00.000Z',
    '2026-11-26 10:05:00+02:00',
    'yesterday',
    '',
  ),
  fc.date({ noInvalidDate: true }).map(d => d.toISOString()),
  fc.integer(),
  fc.constant(null),
);

/** Run ids in the forms emitters send, and forms they should not. */
export const edgyRunId: fc.Arbitrary<unknown> = fc.oneof(
  fc.uuid().map(u => u),
  fc.uuid().map(u => u.toUpperCase()),
  fc.uuid().map(u => `urn:uuid:${u}`),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'URN:UUID:0193A3C6-6B1E-7B6C-9D6A-1F0E2B3C4D5E',
    '{0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d5e}',
    'run-42',
    '',
  ),
  edgyString,
  fc.integer(),
);

/** `{"a":{"a":...}}` nested `depth` objects deep, as text (no recursion to build it). */
export function nestedText(depth: number): string {
  return `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
}

/** Any JSON value, small, with edge strings among its leaves. */
export const edgyJson: fc.Arbitrary<unknown> = fc.letrec(tie => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    edgyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(edgyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;
