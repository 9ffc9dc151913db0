/**
 * A rule that renames the jobs (or datasets) an emitter names one way into
 * the name the catalog knows them by. `namespace` and `name` are regular
 * expressions that must match the whole namespace and name (a rule
 * without `namespace` takes any); `to` and `toNamespace` are the new name
 * and namespace, in which `$<group>` stands for what a named group of
 * either expression matched. A rule without `to` keeps the name, one
 * without `toNamespace` the namespace.
 */
export type NameMappingRule = {
  namespace?: string;
  name: string;
  to?: string;
  toNamespace?: string;
};

/** `dataPlatform.openLineage.mappings`. */
export type NameMappingConfig = {
  jobs: NameMappingRule[];
  datasets: NameMappingRule[];
  /** Datasets left out of events: a `namespace` and `name` to match. */
  ignoreDatasets: Omit<NameMappingRule, 'to' | 'toNamespace'>[];
};

export const NO_MAPPINGS: NameMappingConfig = {
  jobs: [],
  datasets: [],
  ignoreDatasets: [],
};

type Named = { namespace: string; name: string };

type CompiledRule = {
  namespace?: RegExp;
  name: RegExp;
  to?: string;
  toNamespace?: string;
};

/** A pattern that must match the whole text. */
function whole(pattern: string, key: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch (error) {
    throw new Error(
      `${key} is not a regular expression: ${(error as Error).message}`,
    );
  }
}

function compile(rules: NameMappingRule[], key: string): CompiledRule[] {
  return rules.map((rule, i) => ({
    ...(rule.namespace !== undefined
      ? { namespace: whole(rule.namespace, `${key}[${i}].namespace`) }
      : {}),
    name: whole(rule.name, `${key}[${i}].name`),
    to: rule.to,
    toNamespace: rule.toNamespace,
  }));
}

/** `$<group>` in `template`, each replaced by what that group matched. */
function expand(template: string, groups: Record<string, string | undefined>) {
  return template.replace(/\$<([^>]+)>/g, (_, group) => groups[group] ?? '');
}

/** The first rule that matches, and the named groups its expressions matched. */
function firstMatch(rules: CompiledRule[], named: Named) {
  for (const rule of rules) {
    const namespace = rule.namespace
      ? rule.namespace.exec(named.namespace)
      : [];
    if (!namespace) continue;
    const name = rule.name.exec(named.name);
    if (!name) continue;
    return {
      rule,
      groups: {
        ...(namespace as RegExpExecArray).groups,
        ...name.groups,
      },
    };
  }
  return undefined;
}

/**
 * The configured mapping rules, compiled once: what each emitted job and
 * dataset is called in the platform, and which datasets are left out
 * (the audit tables dbt test jobs write, for instance).
 */
export class NameMappings {
  private readonly jobs: CompiledRule[];
  private readonly datasets: CompiledRule[];
  private readonly ignored: CompiledRule[];

  /** Throws naming the key of a rule whose expression does not compile. */
  constructor(config: NameMappingConfig = NO_MAPPINGS) {
    const key = 'dataPlatform.openLineage.mappings';
    this.jobs = compile(config.jobs, `${key}.jobs`);
    this.datasets = compile(config.datasets, `${key}.datasets`);
    this.ignored = compile(config.ignoreDatasets, `${key}.ignoreDatasets`);
  }

  /** Whether there is no rule at all: nothing to look at. */
  get empty(): boolean {
    return this.jobs.length + this.datasets.length + this.ignored.length === 0;
  }

  /** A job's name in the platform. */
  job(job: Named): Named {
    return this.rename(this.jobs, job);
  }

  /** A dataset's name in the platform, or undefined when it is ignored. */
  dataset(dataset: Named): Named | undefined {
    if (firstMatch(this.ignored, dataset)) return undefined;
    return this.rename(this.datasets, dataset);
  }

  private rename(rules: CompiledRule[], named: Named): Named {
    const match = firstMatch(rules, named);
    if (!match) return named;
    const { rule, groups } = match;
    return {
      namespace:
        rule.toNamespace === undefined
          ? named.namespace
          : expand(rule.toNamespace, groups),
      name: rule.to === undefined ? named.name : expand(rule.to, groups),
    };
  }
}
