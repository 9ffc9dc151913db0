import { InputError } from '@backstage/errors';
import { z } from 'zod';

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
