import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { pageOffset, parseInput, textParam } from './parseInput';

const graphQuery = z.object({
  node: z.string().min(1, 'must not be empty'),
  depth: z.coerce.number().int().min(1).max(10).default(1),
});

describe('parseInput', () => {
  it('answers the parsed value, defaults filled in', () => {
    expect(parseInput(graphQuery, { node: 'a', depth: '3' }, 'query')).toEqual({
      node: 'a',
      depth: 3,
    });
    expect(parseInput(graphQuery, { node: 'a' }, 'query')).toEqual({
      node: 'a',
      depth: 1,
    });
  });

  it('names every bad field in one InputError', () => {
    const parse = () => parseInput(graphQuery, { depth: '11' }, 'query');
    expect(parse).toThrow(InputError);
    expect(parse).toThrow(/^node: .+; depth: .+/);
  });

  it('names where the input came from when the whole of it is wrong', () => {
    expect(() => parseInput(z.array(z.string()), 'plays', 'body')).toThrow(
      /^body: /,
    );
  });

  it('parses a missing body as an empty object', () => {
    expect(parseInput(z.object({}).strict(), undefined, 'body')).toEqual({});
  });

  it('refuses text parameters the database could not hold, naming why', () => {
    const query = z.object({ node: textParam(10) });
    const refusal = (node: string) => {
      try {
        parseInput(query, { node }, 'query');
      } catch (error) {
        return (error as Error).message;
      }
      return undefined;
    };
    expect(refusal('plays')).toBeUndefined();
    expect(refusal('播放 🎵')).toBeUndefined();
    expect(refusal('')).toBe('node: must not be empty');
    expect(refusal('x'.repeat(11))).toBe('node: must be at most 10 characters');
    expect(refusal('a\u0000b')).toBe(
      'node: must not contain the NUL character',
    );
    expect(refusal('a\uD800b')).toBe(
      'node: must not contain a lone surrogate (half of a UTF-16 pair)',
    );
    expect(refusal('\uDC00')).toMatch(/lone surrogate/);
    expect(() => parseInput(query, { node: ['a', 'b'] }, 'query')).toThrow(
      /^node: /,
    );
  });

  it('bounds page offsets', () => {
    const page = z.object({ offset: pageOffset });
    expect(parseInput(page, {}, 'query')).toEqual({ offset: 0 });
    expect(parseInput(page, { offset: '1000000' }, 'query')).toEqual({
      offset: 1_000_000,
    });
    for (const offset of ['1000001', '1e20', '-1', '1.5', 'many']) {
      expect(() => parseInput(page, { offset }, 'query')).toThrow(/^offset: /);
    }
  });
});
