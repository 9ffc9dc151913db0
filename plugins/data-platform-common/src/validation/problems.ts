/** One thing wrong with an entity or a document, located by a dotted path. */
export interface ValidationProblem {
  /** Dotted path to the offending value, e.g. `spec.schema.fields[2].type`. */
  path: string;
  message: string;
}

/** Joins path segments the way the problems print them: `a.b[2].c`. */
export function joinPath(...segments: (string | number)[]): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number') return `${path}[${segment}]`;
    return path ? `${path}.${segment}` : segment;
  }, '');
}

/** Formats problems as one message: `path: message; path: message`. */
export function formatProblems(problems: ValidationProblem[]): string {
  return problems.map(p => `${p.path}: ${p.message}`).join('; ');
}
