import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import {
  dataEndpointSpecJsonSchema,
  eventTypeSpecJsonSchema,
  pipelineSpecJsonSchema,
  schemaFieldJsonSchema,
} from '../schema/jsonSchema';
import { ValidationProblem } from './problems';

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(schemaId: string): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    ajv.addSchema(schemaFieldJsonSchema);
    ajv.addSchema(eventTypeSpecJsonSchema);
    ajv.addSchema(dataEndpointSpecJsonSchema);
    ajv.addSchema(pipelineSpecJsonSchema);
  }
  let validate = compiled.get(schemaId);
  if (!validate) {
    validate = ajv.getSchema(schemaId)!;
    compiled.set(schemaId, validate);
  }
  return validate;
}

/** `/spec/schema/fields/2/type` -> `spec.schema.fields[2].type` */
function toDottedPath(prefix: string, instancePath: string): string {
  const segments = instancePath.split('/').slice(1);
  let path = prefix;
  for (const raw of segments) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path = /^\d+$/.test(segment)
      ? `${path}[${segment}]`
      : `${path}${path ? '.' : ''}${segment}`;
  }
  return path;
}

function describe(error: ErrorObject): { suffix?: string; message: string } {
  switch (error.keyword) {
    case 'required':
      return {
        suffix: error.params.missingProperty,
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        suffix: error.params.additionalProperty,
        message: 'is not a known property',
      };
    case 'enum':
      return {
        message: `must be one of: ${(
          error.params.allowedValues as unknown[]
        ).join(', ')}`,
      };
    case 'oneOf': {
      const branches = error.schema as { required?: string[] }[];
      const names = branches.flatMap(branch => branch.required ?? []);
      return { message: `must have exactly one of: ${names.join(', ')}` };
    }
    case 'pattern':
      return {
        message: error.parentSchema?.description
          ? `is not valid: ${error.parentSchema.description}`
          : `must match ${error.params.pattern}`,
      };
    default:
      return { message: error.message ?? 'is invalid' };
  }
}

/**
 * Validates a value against one of the project's JSON Schemas, returning
 * problems with dotted paths under `prefix` (e.g. `spec`).
 */
export function validateWithJsonSchema(
  schemaId: string,
  value: unknown,
  prefix: string,
): ValidationProblem[] {
  const validate = validatorFor(schemaId);
  if (validate(value)) return [];
  const problems: ValidationProblem[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    // oneOf reports its branches' failures too; they are noise next to it.
    if (error.schemaPath.includes('/oneOf/')) continue;
    const { suffix, message } = describe(error);
    let path = toDottedPath(prefix, error.instancePath);
    if (suffix) path = `${path}.${suffix}`;
    const key = `${path}: ${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push({ path, message });
    }
  }
  return problems;
}
