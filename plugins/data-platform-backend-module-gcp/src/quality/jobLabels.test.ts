import { jobLabels } from './jobLabels';

describe('jobLabels', () => {
  it("makes the quality engine's labels valid BigQuery labels", () => {
    expect(
      jobLabels(
        {
          'dp-endpoint': 'dataendpoint:default/Track-Played-Raw',
          'dp-partition': '2026-03-01T12:00:00.000Z',
        },
        { 'dp-check-run': 'scan' },
      ),
    ).toEqual({
      'managed-by': 'backstage-data-platform',
      'dp-endpoint': 'dataendpoint_default_track-played-raw',
      'dp-partition': '2026-03-01t12_00_00_000z',
      'dp-check-run': 'scan',
    });
  });

  it('keeps long values apart within 63 characters, and keys starting with a letter', () => {
    const long = (suffix: string) =>
      `dataendpoint:listening-analytics/${'daily-listening-sessions-'.repeat(
        3,
      )}${suffix}`;
    const a = jobLabels({ endpoint: long('eu') }).endpoint;
    const b = jobLabels({ endpoint: long('us') }).endpoint;
    expect(a).toHaveLength(63);
    expect(b).toHaveLength(63);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[a-z0-9_-]+$/);
    expect(Object.keys(jobLabels({ '2nd-run': 'x' }))).toContain('l2nd-run');
  });
});
