import { EventLoopTurns } from './EventLoopTurns';

describe('EventLoopTurns', () => {
  it('runs work one at a time, in the order it came, handing the event loop back between slices', async () => {
    const turns = new EventLoopTurns(1);
    const log: string[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const work = (name: string) =>
      turns.run(async budget => {
        log.push(`${name} starts`);
        const until = Date.now() + 20;
        while (Date.now() < until) {
          if (budget.spent()) await budget.yield();
        }
        log.push(`${name} ends`);
        return name;
      });
    try {
      expect(await Promise.all([work('a'), work('b'), work('c')])).toEqual([
        'a',
        'b',
        'c',
      ]);
    } finally {
      clearInterval(timer);
    }
    expect(log).toEqual([
      'a starts',
      'a ends',
      'b starts',
      'b ends',
      'c starts',
      'c ends',
    ]);
    expect(ticks).toBeGreaterThan(3);
  });

  it('goes on with the next work when one fails', async () => {
    const turns = new EventLoopTurns();
    const failing = turns.run(async () => {
      throw new Error('bad batch');
    });
    const next = turns.run(async () => 'stored');
    await expect(failing).rejects.toThrow('bad batch');
    await expect(next).resolves.toBe('stored');
  });
});
