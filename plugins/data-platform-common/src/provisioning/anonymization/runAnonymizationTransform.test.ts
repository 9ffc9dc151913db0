import { createHmac } from 'node:crypto';
import {
  generateAnonymizationTransform,
  transformFingerprint,
} from './generateAnonymizationTransform';
import { runAnonymizationTransform } from './runAnonymizationTransform';

const KEY = 'delivery-key-for-tests-0001';

const transform = generateAnonymizationTransform(
  [
    { name: 'user_id', type: 'STRING', pii: 'pseudonymize' },
    { name: 'ip_address', type: 'STRING', pii: 'drop' },
  ],
  { key: KEY, functionName: 'anonymizeTrackPlayed' },
);

describe('runAnonymizationTransform', () => {
  it('answers the event as it lands in the table', () => {
    expect(
      runAnonymizationTransform(transform, {
        user_id: 'listener-4711',
        ip_address: '203.0.113.7',
        ms_played: 31000,
      }),
    ).toEqual({
      user_id: createHmac('sha256', KEY).update('listener-4711').digest('hex'),
      ms_played: 31000,
    });
  });

  it('does not change the event it was given', () => {
    const event = { user_id: 'listener-4711', ip_address: '203.0.113.7' };
    runAnonymizationTransform(transform, event);
    expect(event).toEqual({
      user_id: 'listener-4711',
      ip_address: '203.0.113.7',
    });
  });

  it('answers null for an event the transform filters out, as Pub/Sub would drop it', () => {
    const code = 'function keepNone(message, metadata) {\n  return null;\n}\n';
    const filtering = {
      ...transform,
      functionName: 'keepNone',
      code,
      fingerprint: transformFingerprint(code),
    };
    expect(runAnonymizationTransform(filtering, { user_id: 'x' })).toBeNull();
  });

  it('refuses code that does not match its fingerprint', () => {
    const tampered = {
      ...transform,
      code: transform.code.replace(
        "if (rule === 'drop') delete record[keys[i]];",
        "if (rule === 'drop') {}",
      ),
    };
    expect(tampered.code).not.toBe(transform.code);
    expect(() =>
      runAnonymizationTransform(tampered, { ip_address: '203.0.113.7' }),
    ).toThrow(/does not match its fingerprint/);
  });

  it('keeps the transforms of two schema revisions apart', () => {
    const revised = generateAnonymizationTransform(
      [{ name: 'user_id', type: 'STRING', pii: 'drop' }],
      { key: KEY, functionName: 'anonymizeTrackPlayed' },
    );
    for (let i = 0; i < 3; i++) {
      expect(
        runAnonymizationTransform(transform, { user_id: 'a', n: i }),
      ).toHaveProperty('user_id');
      expect(
        runAnonymizationTransform(revised, { user_id: 'a', n: i }),
      ).toEqual({ n: i });
    }
  });
});
