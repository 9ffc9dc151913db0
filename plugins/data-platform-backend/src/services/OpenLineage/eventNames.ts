import { unstorableText } from '../../database/storableText';
import type { OpenLineageEventKind } from '@dataplatform/backstage-plugin-data-platform-node';

/**
 * Most characters of a job's or dataset's namespace or name, and of a column
 * name: the lineage index keeps a name as a node's title (512 characters).
 */
export const MAX_NAME_CHARACTERS = 512;

/**
 * Most UTF-8 bytes of each: PostgreSQL indexes namespace and name together
 * (and a column edge's two column names), and an index entry holds at most
 * 2,704 bytes.
 */
export const MAX_NAME_BYTES = 1024;

/** Characters as the database counts them: code points, not UTF-16 units. */
function characterCount(value: string): number {
  let count = value.length;
  if (count <= MAX_NAME_CHARACTERS) return count;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    // A well-formed string (see unstorableText): every high surrogate pairs.
    if (unit >= 0xd800 && unit <= 0xdbff) count--;
  }
  return count;
}

/** A field of an event that the platform stores and looks things up by. */
export type NameProblem = { pointer: string; message: string };

/**
 * Why a namespace, name or column name cannot be stored as it is, or
 * undefined when it can: empty or blank, longer than the columns that keep
 * it, or holding what a database cannot store (see `unstorableText`).
 */
export function nameProblem(value: string): string | undefined {
  if (value.trim() === '') return 'must not be empty or blank';
  const unstorable = unstorableText(value);
  if (unstorable) return unstorable;
  const characters = characterCount(value);
  if (characters > MAX_NAME_CHARACTERS) {
    return `must be at most ${MAX_NAME_CHARACTERS} characters (it has ${characters})`;
  }
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_NAME_BYTES) {
    return `must be at most ${MAX_NAME_BYTES} bytes in UTF-8 (it has ${bytes})`;
  }
  return undefined;
}

/** A JSON pointer segment: `~` and `/` escaped (RFC 6901). */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The first name problem of a `{ namespace, name }` at `pointer`. */
export function identityProblem(
  named: { namespace: string; name: string },
  pointer: string,
): NameProblem | undefined {
  for (const field of ['namespace', 'name'] as const) {
    const message = nameProblem(named[field]);
    if (message) return { pointer: `${pointer}/${field}`, message };
  }
  return undefined;
}

type InputField = { namespace: string; name: string; field: string };

/**
 * The first problem of a column-lineage facet's names: its output columns
 * (the keys of `fields`) and each input field's dataset and column, all of
 * which become nodes and column edges of the lineage index.
 */
export function columnLineageProblem(
  facet: {
    fields?: Record<string, { inputFields?: InputField[] }>;
    dataset?: InputField[];
  },
  pointer: string,
): NameProblem | undefined {
  const inputProblem = (inputs: InputField[] | undefined, at: string) => {
    for (const [i, input] of (inputs ?? []).entries()) {
      const problem =
        identityProblem(input, `${at}/${i}`) ??
        (nameProblem(input.field) && {
          pointer: `${at}/${i}/field`,
          message: nameProblem(input.field)!,
        });
      if (problem) return problem;
    }
    return undefined;
  };
  for (const [column, field] of Object.entries(facet.fields ?? {})) {
    const at = `${pointer}/fields/${pointerSegment(column)}`;
    const message = nameProblem(column);
    if (message) {
      return { pointer: at, message: `as a column name ${message}` };
    }
    const problem = inputProblem(field.inputFields, `${at}/inputFields`);
    if (problem) return problem;
  }
  return inputProblem(facet.dataset, `${pointer}/dataset`);
}

type Dataset = {
  namespace: string;
  name: string;
  facets?: Record<string, unknown>;
};

/**
 * The first problem of the names an accepted event stores: its job and
 * its datasets, or a DatasetEvent's dataset.
 */
export function eventNameProblem(
  kind: OpenLineageEventKind,
  event: Record<string, any>,
): NameProblem | undefined {
  if (kind === 'DatasetEvent') {
    return identityProblem(event.dataset, '/dataset');
  }
  const datasets = (list: Dataset[] | undefined, at: string) => {
    for (const [i, dataset] of (list ?? []).entries()) {
      const problem = identityProblem(dataset, `${at}/${i}`);
      if (problem) return problem;
    }
    return undefined;
  };
  return (
    identityProblem(event.job, '/job') ??
    datasets(event.inputs, '/inputs') ??
    datasets(event.outputs, '/outputs')
  );
}

/**
 * The column-lineage facets the lineage index reads (of outputs, and of a
 * DatasetEvent's dataset) whose names it could not store: the facet's
 * pointer and the first problem in it.
 */
export function columnLineageProblems(
  kind: OpenLineageEventKind,
  event: Record<string, any>,
): { facet: string; problem: NameProblem }[] {
  const datasets: [Dataset, string][] =
    kind === 'DatasetEvent'
      ? [[event.dataset, '/dataset']]
      : (event.outputs ?? []).map((d: Dataset, i: number) => [
          d,
          `/outputs/${i}`,
        ]);
  const problems: { facet: string; problem: NameProblem }[] = [];
  for (const [dataset, at] of datasets) {
    const facet = dataset.facets?.columnLineage;
    if (!facet) continue;
    const pointer = `${at}/facets/columnLineage`;
    const problem = columnLineageProblem(
      facet as Parameters<typeof columnLineageProblem>[0],
      pointer,
    );
    if (problem) problems.push({ facet: pointer, problem });
  }
  return problems;
}
