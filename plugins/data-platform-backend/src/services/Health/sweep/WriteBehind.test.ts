import { WriteBehind } from './WriteBehind';

describe('WriteBehind', () => {
  it('runs writes one at a time, in the order they were added', async () => {
    const writes = new WriteBehind();
    const log: string[] = [];
    const write = (name: string, ms: number) => async () => {
      log.push(`${name} started`);
      await new Promise(resolve => setTimeout(resolve, ms));
      log.push(`${name} done`);
    };
    writes.add(write('partitions', 20));
    writes.add(write('run changes', 0));
    expect(log).toEqual([]);
    await writes.flush();
    expect(log).toEqual([
      'partitions started',
      'partitions done',
      'run changes started',
      'run changes done',
    ]);
  });

  it('skips the writes after a failed one and reports its error at flush', async () => {
    const writes = new WriteBehind();
    const ran: string[] = [];
    writes.add(async () => {
      throw new Error('partitions refused');
    });
    writes.add(async () => {
      ran.push('run changes');
    });
    await expect(writes.flush()).rejects.toThrow('partitions refused');
    expect(ran).toEqual([]);
  });
});
