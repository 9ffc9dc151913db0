import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { z as zod } from 'zod/v3';
import { unstorableText } from '../database/storableText';

/** The zod the actions registry hands an action's schema builders. */
export type Z = typeof zod;

/**
 * A text input of every action: not empty, at most `max` characters, and
 * storable, so that no input reaches the database as something it refuses.
 */
export const text = (z: Z, max: number, description: string) =>
  z
    .string({ description })
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const reason = unstorableText(value);
      if (reason) ctx.addIssue({ code: 'custom', message: reason });
    });

/**
 * An entity ref of one of `kinds`, normalized (`pipeline:default/clean-plays`);
 * a bare name is of the first kind in `default`.
 */
export const entityRefOf = (
  z: Z,
  kinds: string[],
  description: string,
  example: string,
) =>
  text(z, 512, description).transform((value, ctx) => {
    try {
      const ref = parseEntityRef(value.trim(), {
        defaultKind: kinds[0],
        defaultNamespace: 'default',
      });
      const kind = ref.kind.toLocaleLowerCase('en-US');
      if (kinds.some(k => k.toLocaleLowerCase('en-US') === kind)) {
        return stringifyEntityRef(ref);
      }
    } catch {
      // reported below
    }
    ctx.addIssue({
      code: 'custom',
      message: `must be the entity ref of a ${kinds.join(
        ' or ',
      )}, e.g. ${example}`,
    });
    return z.NEVER;
  });
