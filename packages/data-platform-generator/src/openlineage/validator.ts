import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';

/** Checks events against the OpenLineage spec: the event schema and each facet's own schema. */
export interface OpenLineageValidator {
  /** Problems with one event (`path: message`); empty when it is valid. */
  validate(event: unknown): string[];
}

type FacetContainer =
  | 'RunFacet'
  | 'JobFacet'
  | 'DatasetFacet'
  | 'InputDatasetFacet'
  | 'OutputDatasetFacet';

// Where the OpenLineage 2-0-2 schemas live: the copy the backend plugin ships
// (in this repository), or the spec copy next to the repository.
const SPEC_CANDIDATES = [
  path.join('plugins', 'data-platform-backend', 'openlineage-spec'),
  path.join('shared', 'openlineage'),
];

/**
 * Finds the OpenLineage 2-0-2 schemas from `from` upwards (see
 * SPEC_CANDIDATES); OPENLINEAGE_SPEC_DIR overrides.
 */
export function findOpenLineageSpecDir(
  from: string = path.dirname(
    require.resolve('@dataplatform/data-platform-generator/package.json'),
  ),
): string {
  if (process.env.OPENLINEAGE_SPEC_DIR) return process.env.OPENLINEAGE_SPEC_DIR;
  for (
    let dir = path.resolve(from);
    dir !== path.dirname(dir);
    dir = path.dirname(dir)
  ) {
    for (const relative of SPEC_CANDIDATES) {
      const candidate = path.join(dir, relative);
      if (fs.existsSync(path.join(candidate, 'OpenLineage.json'))) {
        return candidate;
      }
    }
  }
  throw new Error(
    'OpenLineage spec not found; set OPENLINEAGE_SPEC_DIR to the directory holding OpenLineage.json',
  );
}

/**
 * An ajv (draft 2020-12) validator with OpenLineage.json and every facet
 * schema registered under its $id, so nothing is fetched. The event schema
 * only says facets are objects with `_producer` and `_schemaURL`; each facet
 * is checked against its own schema here, by the container it sits in.
 */
export function createOpenLineageValidator(
  specDir = findOpenLineageSpecDir(),
): OpenLineageValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
  const spec = read(path.join(specDir, 'OpenLineage.json'));
  ajv.addSchema(spec);
  const facetSchemas: Record<FacetContainer, Map<string, ValidateFunction>> = {
    RunFacet: new Map(),
    JobFacet: new Map(),
    DatasetFacet: new Map(),
    InputDatasetFacet: new Map(),
    OutputDatasetFacet: new Map(),
  };
  const facetDir = path.join(specDir, 'facets');
  const facetFiles = fs.readdirSync(facetDir).filter(f => f.endsWith('.json'));
  const schemas = facetFiles.map(file => read(path.join(facetDir, file)));
  schemas.forEach(schema => ajv.addSchema(schema));
  for (const schema of schemas) {
    const refs = JSON.stringify(schema.$defs ?? {}).match(
      /OpenLineage\.json#\/\$defs\/(\w+Facet)"/,
    );
    const container = refs?.[1] as FacetContainer | undefined;
    if (!container || !facetSchemas[container]) continue;
    const validate = ajv.getSchema(schema.$id)!;
    for (const key of Object.keys(schema.properties ?? {})) {
      facetSchemas[container].set(key, validate);
    }
  }
  const validateEvent = ajv.getSchema(spec.$id)!;

  const checkFacets = (
    facets: unknown,
    container: FacetContainer,
    at: string,
    problems: string[],
  ) => {
    if (!facets || typeof facets !== 'object') return;
    for (const key of Object.keys(facets)) {
      const validate = facetSchemas[container].get(key);
      if (
        validate &&
        !validate({ [key]: (facets as Record<string, unknown>)[key] })
      ) {
        for (const error of validate.errors ?? []) {
          problems.push(
            `${at}${error.instancePath.replace(/\//g, '.')}: ${error.message}`,
          );
        }
      }
    }
  };

  return {
    validate(event) {
      const problems: string[] = [];
      if (!validateEvent(event)) {
        for (const error of validateEvent.errors ?? []) {
          problems.push(
            `${error.instancePath.replace(/\//g, '.') || '.'}: ${
              error.message
            }`,
          );
        }
      }
      const e = event as {
        run?: { facets?: unknown };
        job?: { facets?: unknown };
        inputs?: { facets?: unknown; inputFacets?: unknown }[];
        outputs?: { facets?: unknown; outputFacets?: unknown }[];
      };
      checkFacets(e.run?.facets, 'RunFacet', 'run.facets', problems);
      checkFacets(e.job?.facets, 'JobFacet', 'job.facets', problems);
      (e.inputs ?? []).forEach((input, i) => {
        checkFacets(
          input.facets,
          'DatasetFacet',
          `inputs[${i}].facets`,
          problems,
        );
        checkFacets(
          input.inputFacets,
          'InputDatasetFacet',
          `inputs[${i}].inputFacets`,
          problems,
        );
      });
      (e.outputs ?? []).forEach((output, i) => {
        checkFacets(
          output.facets,
          'DatasetFacet',
          `outputs[${i}].facets`,
          problems,
        );
        checkFacets(
          output.outputFacets,
          'OutputDatasetFacet',
          `outputs[${i}].outputFacets`,
          problems,
        );
      });
      return problems;
    },
  };
}
