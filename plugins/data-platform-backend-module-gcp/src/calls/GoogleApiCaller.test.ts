import { testClock } from '../__testUtils__/googleApis';
import { GoogleApiCaller } from './GoogleApiCaller';

const failure = (code: number, message = 'failed', reason?: string) =>
  Object.assign(new Error(message), {
    code,
    ...(reason ? { errors: [{ reason, message }] } : {}),
  });

describe('GoogleApiCaller', () => {
  const policy = { attempts: 4, initialDelayMs: 1000, maxDelayMs: 16_000 };

  it('retries rate limits and server errors with growing, jittered pauses', async () => {
    const clock = testClock(0);
    const caller = new GoogleApiCaller(clock, policy, () => 0.5);
    const answers = [
      failure(429),
      failure(403, 'Exceeded rate limits', 'rateLimitExceeded'),
      failure(14), // gRPC UNAVAILABLE
    ];
    const result = await caller.call({ method: 'm' }, async () => {
      const next = answers.shift();
      if (next) throw next;
      return 'done';
    });
    expect(result).toBe('done');
    expect(clock.sleeps).toEqual([500, 1000, 2000]);
  });

  it('gives up after the last attempt with the last error', async () => {
    const clock = testClock(0);
    const caller = new GoogleApiCaller(clock, policy, () => 1);
    let calls = 0;
    await expect(
      caller.call({ method: 'm' }, async () => {
        calls++;
        throw failure(503, 'Service unavailable');
      }),
    ).rejects.toThrow('Service unavailable');
    expect(calls).toBe(4);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('does not retry what another attempt cannot fix', async () => {
    const caller = new GoogleApiCaller(testClock(0), policy);
    for (const error of [
      failure(403, 'Access Denied'),
      failure(409),
      failure(6),
    ]) {
      let calls = 0;
      await expect(
        caller.call({ method: 'm' }, async () => {
          calls++;
          throw error;
        }),
      ).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });

  it('stops retrying when the signal aborts', async () => {
    const controller = new AbortController();
    const caller = new GoogleApiCaller(testClock(0), policy);
    let calls = 0;
    await expect(
      caller.call({ method: 'm', signal: controller.signal }, async () => {
        calls++;
        controller.abort(new Error('apply cancelled'));
        throw failure(503);
      }),
    ).rejects.toThrow('apply cancelled');
    expect(calls).toBe(1);
  });
});
