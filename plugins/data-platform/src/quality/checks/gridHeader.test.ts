import { gridHeader } from './gridHeader';

describe('gridHeader', () => {
  it('groups hourly columns under their days, newest first', () => {
    const hours = [
      '2026-12-07T01:00:00.000Z',
      '2026-12-07T00:00:00.000Z',
      '2026-12-06T23:00:00.000Z',
    ];
    expect(
      gridHeader(
        hours.map(p => ({ key: p, partition: p })),
        'HOUR',
      ),
    ).toEqual({
      days: [
        { label: 'Mon 7 Dec', span: 2 },
        { label: 'Sun 6 Dec', span: 1 },
      ],
      columns: [
        { key: hours[0], short: '01:00', full: 'Mon 7 Dec 01:00 UTC' },
        { key: hours[1], short: '00:00', full: 'Mon 7 Dec 00:00 UTC' },
        { key: hours[2], short: '23:00', full: 'Sun 6 Dec 23:00 UTC' },
      ],
    });
  });

  it('writes a daily partition in two short lines, and an unpartitioned table as Latest', () => {
    const day = '2026-12-07T00:00:00.000Z';
    expect(gridHeader([{ key: day, partition: day }], 'DAY')).toEqual({
      columns: [{ key: day, short: 'Mon\n7 Dec', full: 'Mon 7 Dec' }],
    });
    expect(gridHeader([{ key: '' }])).toEqual({
      columns: [{ key: '', short: 'Latest', full: 'Latest' }],
    });
  });
});
