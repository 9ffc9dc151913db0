import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { unstorableText } from '../database/storableText';

/**
 * Parses a request's query, body or path parameters, or throws an
 * InputError (400) naming each bad field; a missing body parses as `{}`.
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  where: 'query' | 'body' | 'params',
): z.infer<T> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues
        .map(i => `${i.path.join('.') || where}: ${i.message}`)
        .join('; '),
    );
  }
  return parsed.data;
}

/**
 * A string parameter of every route: not empty, at most `max` characters,
 * and storable (no NUL character, no lone surrogate; see `unstorableText`),
 * so that no parameter reaches the database as something it refuses.
 */
export function textParam(max: number) {
  return z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const reason = unstorableText(value);
      if (reason) ctx.addIssue({ code: 'custom', message: reason });
    });
}

/**
 * How many rows a page skips: a whole number up to a million, so that no
 * query is asked to skip more rows than the plugin holds in any table.
 */
export const pageOffset = z.coerce
  .number()
  .int()
  .min(0)
  .max(1_000_000, 'must be at most 1000000')
  .default(0);
