import { InputError } from '@backstage/errors';
import { z as zod } from 'zod/v3';
import {
  COMPATIBILITY_MODES,
  FIELD_MODES,
  FIELD_TYPES,
  PII_CLASSIFICATIONS,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';

type Z = typeof zod;

/** An event type's catalog name: lowercase words joined by dashes, as in the examples. */
export const eventTypeName = (z: Z) =>
  z
    .string({
      description: 'Name of the event type in the catalog, e.g. track-played',
    })
    .regex(
      /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
      'lowercase letters, digits and single dashes, starting with a letter',
    )
    .max(63);

export const entityNamespace = (z: Z) =>
  z
    .string({ description: 'Catalog namespace of the event type' })
    .default('default');

/** The schema fields (recursive through RECORD fields), as the schema editor field produces them. */
export const schemaFields = (z: Z) => {
  const field: zod.ZodType<SchemaField> = z.lazy(() =>
    z.object({
      name: z.string(),
      type: z.enum(FIELD_TYPES),
      mode: z.enum(FIELD_MODES).optional(),
      description: z.string().optional(),
      pii: z.enum(PII_CLASSIFICATIONS).optional(),
      fields: z.array(field).optional(),
    }),
  );
  return z.array(field, { description: 'The fields of the event schema' });
};

export const compatibilityMode = (z: Z) =>
  z
    .enum(COMPATIBILITY_MODES, {
      description:
        'Compatibility mode. For a new event type, the one it gets (default BACKWARD); when evolving, the one to check under and keep (default: the current one)',
    })
    .optional();

export const evolveFlag = (z: Z) =>
  z
    .boolean({
      description:
        'True to evolve an existing event type (it must exist); false to register a new one (it must not)',
    })
    .default(false);

type InputShape = Record<string, (z: Z) => zod.ZodTypeAny>;

/** Types the zod schemas of an action's input (for createTemplateAction and parseInput). */
export const defineInput = <S extends InputShape>(shape: S): S => shape;

/**
 * Parses an action's input with its own zod schemas. The scaffolder checks
 * inputs only against the JSON Schema made from them, which applies no
 * defaults; this does.
 */
export function parseInput<S extends InputShape>(
  shape: S,
  input: unknown,
): { [K in keyof S]: zod.output<ReturnType<S[K]>> } {
  const schema = zod.object(
    Object.fromEntries(Object.entries(shape).map(([key, f]) => [key, f(zod)])),
  );
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues
        .map(i => `${i.path.join('.') || 'input'}: ${i.message}`)
        .join('; '),
    );
  }
  return parsed.data as any;
}
