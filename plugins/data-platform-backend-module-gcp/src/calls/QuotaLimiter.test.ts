import { testClock } from '../__testUtils__/googleApis';
import { QuotaLimiter } from './QuotaLimiter';

const tableQuota = (table: string) => ({
  key: `table:${table}`,
  limit: 5,
  windowMs: 10_000,
});

describe('QuotaLimiter', () => {
  it('lets five updates of a table through at once and holds the sixth until the first is 10 s old', async () => {
    const clock = testClock(0);
    const limiter = new QuotaLimiter(clock);
    const started: number[] = [];
    for (let i = 0; i < 6; i++) {
      await limiter.acquire([tableQuota('p.events.track_played')]);
      started.push(clock.now());
    }
    expect(started).toEqual([0, 0, 0, 0, 0, 10_000]);
  });

  it('keeps tables apart but holds a call until every key it names has room', async () => {
    const clock = testClock(0);
    const limiter = new QuotaLimiter(clock);
    for (let i = 0; i < 5; i++) {
      await limiter.acquire([tableQuota('a')]);
    }
    await limiter.acquire([tableQuota('b')]);
    expect(clock.now()).toBe(0);
    const dataset = { key: 'dataset:p.events', limit: 5, windowMs: 10_000 };
    await limiter.acquire([tableQuota('b'), dataset]);
    await limiter.acquire([tableQuota('a'), dataset]);
    expect(clock.now()).toBe(10_000);
  });

  it('spaces the 101st call of a method into the next second', async () => {
    const clock = testClock(0);
    const limiter = new QuotaLimiter(clock);
    const method = {
      key: 'method:bigquery.tables.get',
      limit: 100,
      windowMs: 1000,
    };
    for (let i = 0; i < 100; i++) await limiter.acquire([method]);
    expect(clock.now()).toBe(0);
    await limiter.acquire([method]);
    expect(clock.now()).toBe(1000);
  });

  it('stops waiting when the signal aborts', async () => {
    const clock = testClock(0);
    const limiter = new QuotaLimiter(clock);
    const controller = new AbortController();
    for (let i = 0; i < 5; i++) await limiter.acquire([tableQuota('a')]);
    controller.abort(new Error('cancelled'));
    await expect(
      limiter.acquire([tableQuota('a')], controller.signal),
    ).rejects.toThrow('cancelled');
  });
});
