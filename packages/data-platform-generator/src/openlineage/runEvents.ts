import type {
  OpenLineageName,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  endpointDatasetName,
  pipelineDag,
  pipelineJobName,
} from '../model/identities';
import { endpointFields, eventTypeSchema } from '../model/schemas';
import type { Platform } from '../model/types';
import { forkRandom, Random } from '../random';
import { columnLineageFacet } from './columnLineage';
import {
  errorMessageFacet,
  facet,
  Integration,
  integrationOf,
  OPENLINEAGE_SCHEMA_URL,
  schemaFacetFields,
} from './facets';
import { CatalogGaps } from './unregistered';
import { RunPlan, uuidV7 } from './runPlans';

/** An OpenLineage RunEvent as the generator writes it (plain JSON). */
export interface OpenLineageRunEvent {
  eventType: 'START' | 'RUNNING' | 'COMPLETE' | 'FAIL';
  eventTime: string;
  producer: string;
  schemaURL: string;
  run: { runId: string; facets?: Record<string, unknown> };
  job: { namespace: string; name: string; facets?: Record<string, unknown> };
  inputs: Dataset[];
  outputs: Dataset[];
}

type Dataset = OpenLineageName & {
  facets?: Record<string, unknown>;
  inputFacets?: Record<string, unknown>;
  outputFacets?: Record<string, unknown>;
};

/**
 * Builds the events of one run plan. Everything random about a run comes from
 * the plan's own seed, so an event is the same whichever order runs are built in.
 */
export class RunEventFactory {
  private readonly datasetNames: (OpenLineageName | undefined)[];
  private readonly eventTypeFields = new Map<number, SchemaField[]>();

  constructor(
    private readonly platform: Platform,
    private readonly gaps: CatalogGaps,
    private readonly rates: {
      errorMessageRate: number;
      columnLineageRate: number;
    },
  ) {
    this.datasetNames = new Array(platform.endpoints.length);
  }

  datasetName(endpoint: number): OpenLineageName {
    let name = this.datasetNames[endpoint];
    if (!name) {
      name = endpointDatasetName(this.platform, endpoint);
      this.datasetNames[endpoint] = name;
    }
    return name;
  }

  /** The columns of an endpoint: its own, or its event type's. */
  fields(endpoint: number): SchemaField[] {
    const eventType = this.platform.endpoints[endpoint].eventType;
    if (eventType === undefined) return endpointFields(this.platform, endpoint);
    let fields = this.eventTypeFields.get(eventType);
    if (!fields) {
      fields = eventTypeSchema(this.platform, eventType).fields;
      this.eventTypeFields.set(eventType, fields);
    }
    return fields;
  }

  /**
   * One event of a plan: phase 0 is the START (or the streaming job's single
   * event), phase 1 the COMPLETE or FAIL of a batch run.
   */
  event(plan: RunPlan, phase: 0 | 1): OpenLineageRunEvent {
    if (plan.pipeline < 0) return this.adhocEvent(plan, phase);
    const pipeline = this.platform.pipelines[plan.pipeline];
    const integration = integrationOf(pipeline.engine);
    const job = pipelineJobName(this.platform, plan.pipeline);
    const random = new Random(plan.seed);
    const streaming = pipeline.schedule === 'streaming';
    const inputs = pipeline.inputs.map(i => this.datasetName(i));
    const undeclared = this.gaps.undeclaredInputs.get(plan.pipeline);
    if (undeclared !== undefined) inputs.push(this.datasetName(undeclared));
    const outputs = pipeline.outputs.map(o => this.datasetName(o));
    const extra = this.gaps.extraOutputs.get(plan.pipeline);
    if (extra) outputs.push(extra);

    const runFacets: Record<string, unknown> = {};
    if (!streaming) {
      runFacets.nominalTime = facet(integration.producer, 'nominalTime', {
        nominalStartTime: new Date(plan.partition.start).toISOString(),
        nominalEndTime: new Date(plan.partition.end).toISOString(),
      });
    }
    const dag = pipelineDag(this.platform, plan.pipeline);
    if (dag && !streaming) {
      const dagRandom = forkRandom(
        this.platform.options.seed,
        'dag-run',
        dag,
        plan.partition.end,
      );
      runFacets.parent = facet(integration.producer, 'parent', {
        job: { namespace: job.namespace, name: dag },
        run: { runId: uuidV7(plan.partition.end, dagRandom) },
      });
    }
    const base = { job, integration, runId: plan.runId, runFacets };
    if (plan.outcome === 'START' || plan.outcome === 'RUNNING') {
      const reported = outputs.map((o, i) =>
        i === 0 && plan.outcome === 'RUNNING'
          ? this.withRowCount(o, random, 1e6, integration.producer)
          : o,
      );
      return this.build(
        base,
        plan.outcome,
        plan.startMs,
        inputs,
        reported,
        true,
      );
    }
    if (phase === 0)
      return this.build(base, 'START', plan.startMs, inputs, outputs, true);
    if (plan.outcome === 'FAIL') {
      const facets = { ...runFacets };
      if (random.chance(this.rates.errorMessageRate)) {
        facets.errorMessage = errorMessageFacet(
          integration,
          job.name,
          inputs[0]?.name ?? '',
          random,
        );
      }
      return this.build(
        { ...base, runFacets: facets },
        'FAIL',
        plan.endMs,
        inputs,
        outputs,
        false,
      );
    }
    return this.build(
      base,
      'COMPLETE',
      plan.endMs,
      this.completedInputs(plan, inputs, integration, random),
      this.completedOutputs(plan, outputs, integration, random),
      false,
    );
  }

  private build(
    base: {
      job: OpenLineageName;
      integration: Integration;
      runId: string;
      runFacets: Record<string, unknown>;
    },
    eventType: OpenLineageRunEvent['eventType'],
    atMs: number,
    inputs: Dataset[],
    outputs: Dataset[],
    describeJob: boolean,
  ): OpenLineageRunEvent {
    const { integration } = base;
    const runFacets = { ...base.runFacets };
    const job: OpenLineageRunEvent['job'] = { ...base.job };
    if (describeJob) {
      runFacets.processing_engine = facet(
        integration.producer,
        'processing_engine',
        {
          ...integration.engine,
          openlineageAdapterVersion: '1.29.0',
        },
      );
      job.facets = {
        jobType: facet(integration.producer, 'jobType', {
          processingType:
            eventType === 'RUNNING' || integration.integration === 'FLINK'
              ? 'STREAMING'
              : 'BATCH',
          integration: integration.integration,
          jobType: integration.jobType,
        }),
      };
    }
    return {
      eventType,
      eventTime: new Date(atMs).toISOString(),
      producer: integration.producer,
      schemaURL: OPENLINEAGE_SCHEMA_URL,
      run: {
        runId: base.runId,
        ...(Object.keys(runFacets).length ? { facets: runFacets } : {}),
      },
      job,
      inputs,
      outputs,
    };
  }

  private withRowCount(
    dataset: Dataset,
    random: Random,
    scale: number,
    producer: string,
  ): Dataset {
    const rowCount = Math.round(random.logNormal(scale, 1.2, 1, scale * 1000));
    return {
      ...dataset,
      outputFacets: {
        outputStatistics: facet(producer, 'outputStatistics', {
          rowCount,
          size: rowCount * random.int(80, 400),
        }),
      },
    };
  }

  private completedInputs(
    plan: RunPlan,
    inputs: Dataset[],
    integration: Integration,
    random: Random,
  ): Dataset[] {
    const pipeline = this.platform.pipelines[plan.pipeline];
    const withSchema = random.chance(0.1);
    return inputs.map((input, i) => {
      const endpoint = pipeline.inputs[i];
      if (endpoint === undefined) return input;
      const dataset: Dataset = { ...input };
      if (withSchema) {
        dataset.facets = {
          schema: facet(integration.producer, 'schema', {
            fields: schemaFacetFields(this.fields(endpoint)),
          }),
        };
      }
      if (pipeline.engine === 'dbt' && i === 0) {
        const id = this.fields(endpoint)[1]?.name ?? 'id';
        dataset.inputFacets = {
          dataQualityAssertions: facet(
            integration.producer,
            'dataQualityAssertions',
            {
              assertions: [
                {
                  assertion: 'not_null',
                  success: random.chance(0.97),
                  column: id,
                },
                {
                  assertion: 'unique',
                  success: random.chance(0.97),
                  column: id,
                },
              ],
            },
          ),
        };
      }
      return dataset;
    });
  }

  private completedOutputs(
    plan: RunPlan,
    outputs: Dataset[],
    integration: Integration,
    random: Random,
  ): Dataset[] {
    const pipeline = this.platform.pipelines[plan.pipeline];
    // An integration that reports column lineage does so on every run.
    const lineage = forkRandom(
      this.platform.options.seed,
      'column-lineage',
      plan.pipeline,
    ).chance(this.rates.columnLineageRate);
    return outputs.map((output, o) => {
      const endpoint = pipeline.outputs[o];
      if (endpoint === undefined) return output;
      const fields = this.fields(endpoint);
      const facets: Record<string, unknown> = {
        schema: facet(integration.producer, 'schema', {
          fields: schemaFacetFields(fields),
        }),
      };
      if (lineage) {
        facets.columnLineage = columnLineageFacet(
          integration.producer,
          fields,
          pipeline.inputs.map(i => ({
            name: this.datasetName(i),
            fields: this.fields(i),
          })),
        );
      }
      return {
        ...this.withRowCount(
          output,
          random,
          pipeline.schedule === 'hourly' ? 5e4 : 1e6,
          integration.producer,
        ),
        facets,
      };
    });
  }

  private adhocEvent(plan: RunPlan, phase: 0 | 1): OpenLineageRunEvent {
    const adhoc = this.gaps.adhocJobs[plan.adhoc!];
    const integration = integrationOf('notebook');
    const inputs = adhoc.inputs.map(i => this.datasetName(i));
    const output: Dataset = {
      ...adhoc.output,
      facets: {
        schema: facet(integration.producer, 'schema', {
          fields: schemaFacetFields(this.fields(adhoc.inputs[0]).slice(0, 4)),
        }),
      },
    };
    const base = {
      job: adhoc.job,
      integration,
      runId: plan.runId,
      runFacets: {},
    };
    return phase === 0
      ? this.build(base, 'START', plan.startMs, inputs, [adhoc.output], true)
      : this.build(base, 'COMPLETE', plan.endMs, inputs, [output], false);
  }
}
