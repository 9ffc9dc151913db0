import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  isVisibleStep,
  OnCallRow,
  PipelineHealth,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { CatalogReadAccess } from '../services/CatalogReadAccess';
import type { OnCallQuery } from '../services/Health/queries/OnCallQuery';
import type { PipelineHealthQuery } from '../services/Health/queries/PipelineHealthQuery';
import {
  visibleOnCallRows,
  visiblePipelineHealth,
} from '../services/Health/queries/visibleHealth';
import { entityRefOf, Z } from './actionInputs';

const inputSchema = (z: Z) =>
  z.object({
    pipeline: entityRefOf(
      z,
      ['Pipeline'],
      'The pipeline: its entity ref (pipeline:default/clean-plays) or name',
      'pipeline:default/clean-plays',
    ),
  });

const outputSchema = (z: Z) =>
  z.object({
    pipeline: z.object({
      ref: z.string(),
      title: z.string().optional(),
      owner: z.string().optional(),
    }),
    state: z
      .string()
      .describe(
        'healthy, or its worst current problem: late, failed, bad_data, running, pending',
      ),
    partition: z
      .string()
      .optional()
      .describe('First partition of the current problem'),
    lastPartition: z
      .string()
      .optional()
      .describe('Newest partition of the problem when it spans several'),
    since: z
      .string()
      .optional()
      .describe(
        'When the problem began: its first failed run ended or its deadline passed',
      ),
    lateByMs: z.number().optional(),
    failureReason: z
      .string()
      .optional()
      .describe('The error of the newest failed run'),
    rootCause: z
      .array(
        z.object({
          pipelineRef: z
            .string()
            .optional()
            .describe('Absent when the caller may not read that pipeline'),
          hidden: z.boolean(),
          title: z.string().optional(),
          owner: z.string().optional(),
          partition: z.string(),
          state: z.string(),
          since: z.string().optional(),
          failureReason: z.string().optional(),
        }),
      )
      .describe(
        'The upstream chain, from the direct upstream to the root cause (last); empty when the problem is its own',
      ),
    rootCauseOwner: z
      .string()
      .optional()
      .describe('Who owns the root cause: the one to talk to'),
    alert: z
      .object({
        id: z.string(),
        problem: z.string(),
        state: z.string().describe('open, acknowledged or snoozed'),
        severity: z.string(),
        openedAt: z.string(),
        acknowledgedBy: z.string().optional(),
        snoozedUntil: z.string().optional(),
        expectedDelay: z
          .boolean()
          .describe('Raised because of an upstream problem'),
        failedChecks: z
          .array(
            z.object({
              endpointRef: z.string(),
              check: z.string(),
              message: z.string(),
            }),
          )
          .optional()
          .describe(
            'A bad_data alert: the critical quality checks that fail on what it wrote',
          ),
      })
      .optional()
      .describe('The alert open about it, when there is one'),
    summary: z.string().describe('The answer in one or two sentences'),
  });

type Output = ReturnType<ReturnType<typeof outputSchema>['parse']>;

/** A health state as the summary says it: `clean-plays is failing`. */
const stateWords = (state: string) =>
  ({ failed: 'failing', bad_data: 'writing bad data' }[state] ??
  state.replace('_', ' '));

function summarize(o: Omit<Output, 'summary'>): string {
  const name = o.pipeline.title ?? o.pipeline.ref;
  if (o.state === 'healthy' || o.state === 'running' || o.state === 'pending') {
    return `${name} is ${
      o.state === 'healthy' ? 'on time' : o.state
    }: no late or failed partition now.`;
  }
  const what = `${name} is ${stateWords(o.state)}${
    o.partition ? ` from partition ${o.partition}` : ''
  }${o.since ? ` since ${o.since}` : ''}`;
  const alert = o.alert
    ? ` Alert ${o.alert.id} is ${o.alert.state} (${o.alert.severity}).`
    : '';
  const root = o.rootCause[o.rootCause.length - 1];
  if (!root) {
    return `${what}${o.failureReason ? `: ${o.failureReason}` : ''}.${alert}`;
  }
  const rootName = root.hidden
    ? 'a pipeline you may not see'
    : root.title ?? root.pipelineRef;
  return `${what} because upstream ${rootName} is ${stateWords(
    root.state,
  )} (partition ${root.partition})${
    o.rootCauseOwner ? `, owned by ${o.rootCauseOwner}` : ''
  }.${alert}`;
}

function explain(health: PipelineHealth, rows: Map<string, OnCallRow>): Output {
  const { current } = health;
  const self = rows.get(health.pipelineRef);
  const openAlert = health.alerts.find(
    a => a.id === current.alert?.id && a.state !== 'resolved',
  );
  const explained: Omit<Output, 'summary'> = {
    pipeline: {
      ref: health.pipelineRef,
      ...(self ? { title: self.title, owner: self.owner } : {}),
    },
    state: current.state,
    ...(current.partition ? { partition: current.partition } : {}),
    ...(current.lastPartition ? { lastPartition: current.lastPartition } : {}),
    ...(current.since ? { since: current.since } : {}),
    ...(current.lateByMs !== undefined ? { lateByMs: current.lateByMs } : {}),
    ...(current.failureReason ? { failureReason: current.failureReason } : {}),
    rootCause: (current.rootCause?.chain ?? []).map(step => {
      if (!isVisibleStep(step)) {
        return { hidden: true, partition: step.partition, state: step.state };
      }
      const row = rows.get(step.pipelineRef);
      return {
        pipelineRef: step.pipelineRef,
        hidden: false,
        partition: step.partition,
        state: step.state,
        ...(row
          ? {
              title: row.title,
              owner: row.owner,
              ...(row.since ? { since: row.since } : {}),
              ...(row.failureReason
                ? { failureReason: row.failureReason }
                : {}),
            }
          : {}),
      };
    }),
    ...(current.rootCauseOwner
      ? { rootCauseOwner: current.rootCauseOwner }
      : {}),
    ...(openAlert
      ? {
          alert: {
            id: openAlert.id,
            problem: openAlert.problem,
            state: openAlert.state,
            severity: openAlert.severity,
            openedAt: openAlert.openedAt,
            ...(openAlert.acknowledgedBy
              ? { acknowledgedBy: openAlert.acknowledgedBy }
              : {}),
            ...(openAlert.snoozedUntil
              ? { snoozedUntil: openAlert.snoozedUntil }
              : {}),
            expectedDelay: openAlert.rootCause !== undefined,
            ...(openAlert.failedChecks && openAlert.failedChecks.length > 0
              ? {
                  failedChecks: openAlert.failedChecks.map(c => ({
                    endpointRef: c.endpointRef,
                    check: c.check,
                    message: c.message,
                  })),
                }
              : {}),
          },
        }
      : {}),
  };
  return { ...explained, summary: summarize(explained) };
}

/**
 * `explain-pipeline-delay`: why a pipeline is late or failing, from the
 * state the last health sweep left (the on-call list's answer): since when,
 * the error, the upstream root-cause chain with each step's owner, and the
 * open alert. Pipelines the caller may not read are not named; the pipeline
 * itself then is not found.
 */
export function registerExplainPipelineDelayAction(
  registry: ActionsRegistryService,
  services: {
    pipelineHealth: PipelineHealthQuery;
    onCall: OnCallQuery;
    reads: CatalogReadAccess;
    now?: () => number;
  },
) {
  const { pipelineHealth, onCall, reads } = services;
  const now = services.now ?? Date.now;
  registry.register({
    name: 'explain-pipeline-delay',
    title: 'Explain why a pipeline is late or failing',
    description: `Explains why a data pipeline is late or failing right now: its state (late, failed, bad_data or healthy), since when and from which partition, the error of its newest failed run, and the root cause upstream as a chain of pipelines (each with its partition, state, title and owner; the last one is the root cause, and rootCauseOwner is whom to contact), and the open alert with its id, state and severity. Use it when someone asks why data is late, missing or broken. Pipelines the caller may not read in the catalog are not found, or appear in the chain as hidden.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input: inputSchema, output: outputSchema },
    examples: [
      {
        title: 'Why is royalty-report late?',
        input: { pipeline: 'pipeline:default/royalty-report' },
      },
    ],
    async action({ input, credentials }) {
      const at = now();
      const [unreadable, health] = await Promise.all([
        reads.forCaller(credentials),
        pipelineHealth.get(input.pipeline, at),
      ]);
      const visible = await visiblePipelineHealth(health, unreadable);
      const refs = [
        visible.pipelineRef,
        ...(visible.current.rootCause?.chain ?? []).flatMap(step =>
          isVisibleStep(step) ? [step.pipelineRef] : [],
        ),
      ];
      const page = await onCall.list(
        {
          pipelines: refs,
          filter: 'all',
          sort: 'name',
          offset: 0,
          limit: refs.length,
        },
        at,
      );
      const { rows } = await visibleOnCallRows(page.rows, unreadable);
      return {
        output: explain(
          visible,
          new Map(rows.map(row => [row.pipelineRef, row])),
        ),
      };
    },
  });
}
