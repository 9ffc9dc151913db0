import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { parseInput } from './parseInput';

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
});
