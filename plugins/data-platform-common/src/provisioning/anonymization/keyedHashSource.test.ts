import { createHash, createHmac } from 'node:crypto';
import { createContext, runInContext } from 'node:vm';
import { KEYED_HASH_SOURCE, keyedHash } from './keyedHashSource';

const KEY = 'delivery-key-for-tests-0001';

const INPUTS: Record<string, string> = {
  empty: '',
  ascii: 'listener-4711',
  accented: 'Zoë Ångström-Núñez, Łódź',
  emoji: '🎧 night drive 👩‍👩‍👧 🇸🇪',
  cjk: '東京の夜',
  'lone surrogate': 'a\ud800b',
  '55 bytes (one block with its length)': 'x'.repeat(55),
  '56 bytes (length spills into a second block)': 'x'.repeat(56),
  '64 bytes (one full block)': 'y'.repeat(64),
  'multi-block': `${'tw:user:9f1c·'.repeat(80)}end`,
};

describe('the keyed hash carried by the transform', () => {
  it.each(Object.entries(INPUTS))(
    'computes HMAC-SHA256 as Node does for %s',
    (_, text) => {
      expect(keyedHash().hmacHex(KEY, text)).toBe(
        createHmac('sha256', KEY).update(text).digest('hex'),
      );
    },
  );

  it.each(Object.entries(INPUTS))(
    'computes SHA-256 as Node does for %s',
    (_, text) => {
      expect(keyedHash().sha256Hex(text)).toBe(
        createHash('sha256').update(text).digest('hex'),
      );
    },
  );

  it.each([
    ['a block long', 'k'.repeat(64)],
    ['a byte longer than a block', 'k'.repeat(65)],
    ['much longer, in Cyrillic', `ключ-${'k'.repeat(100)}`],
  ])(
    'hashes keys longer than a block first, as HMAC requires: %s',
    (_, key) => {
      expect(keyedHash().hmacHex(key, 'listener-4711')).toBe(
        createHmac('sha256', key).update('listener-4711').digest('hex'),
      );
    },
  );

  it('runs with nothing but the standard ECMAScript globals', () => {
    const context = createContext({ key: KEY, text: INPUTS.emoji });
    const token = runInContext(
      `${KEYED_HASH_SOURCE}\nhmacHex(hmacKey(key), text);`,
      context,
    );
    expect(token).toBe(
      createHmac('sha256', KEY).update(INPUTS.emoji).digest('hex'),
    );
  });
});
