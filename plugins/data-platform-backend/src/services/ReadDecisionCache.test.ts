import { ReadDecisionCache } from './ReadDecisionCache';

describe('ReadDecisionCache', () => {
  it('keeps no more than the window of answers', () => {
    let now = 0;
    const cache = new ReadDecisionCache(1000, () => now);
    cache.remember('alice', ['a', 'b'], new Set(['b']), 0);
    now = 500;
    cache.remember('bob', ['a'], new Set(), 500);
    expect(cache.size).toBe(3);
    expect(cache.lookup('alice', ['a', 'b', 'c'])).toEqual({
      unreadable: new Set(['b']),
      undecided: ['c'],
    });
    now = 1000;
    expect(cache.lookup('alice', ['a']).undecided).toEqual(['a']);
    expect(cache.size).toBe(1);
    now = 1500;
    expect(cache.lookup('bob', ['a']).undecided).toEqual(['a']);
    expect(cache.size).toBe(0);
  });

  it('dates an answer from when it was asked, not when it came', () => {
    let now = 900;
    const cache = new ReadDecisionCache(1000, () => now);
    cache.remember('alice', ['a'], new Set(), 0);
    expect(cache.lookup('alice', ['a']).undecided).toEqual([]);
    now = 1000;
    expect(cache.lookup('alice', ['a']).undecided).toEqual(['a']);
  });

  it('keeps nothing with a window of 0', () => {
    const cache = new ReadDecisionCache(0, () => 0);
    cache.remember('alice', ['a'], new Set(), 0);
    expect(cache.size).toBe(0);
    expect(cache.lookup('alice', ['a', 'a']).undecided).toEqual(['a']);
  });
});
