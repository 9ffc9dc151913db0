import type {
  DataEndpointEntity,
  EndpointPii,
  PiiFinding,
} from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * A royalties table fed by track-played-hourly through the daily stats
 * pipeline: listener_id is the listener's user_id, which the schema calls
 * `pii: none`; email_domain is cut from the listener's email and not
 * declared at all.
 */
export const listenerStats: DataEndpointEntity = {
  apiVersion: 'dataplatform.io/v1alpha1',
  kind: 'DataEndpoint',
  metadata: { name: 'listener-stats', namespace: 'default' },
  spec: {
    type: 'bigquery-table',
    owner: 'group:default/royalties',
    lifecycle: 'production',
    location: {
      project: 'sp-royalties',
      dataset: 'royalties',
      table: 'listener_stats',
    },
    schema: {
      fields: [
        { name: 'day', type: 'DATE', mode: 'REQUIRED' },
        { name: 'listener_id', type: 'STRING', pii: 'none' },
        { name: 'email_domain', type: 'STRING' },
        {
          name: 'country',
          type: 'STRING',
          pii: 'pseudonymize',
          description: 'Where the listener streamed from',
        },
        { name: 'streams', type: 'INT64' },
      ],
    },
  },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/royalties' }],
};

export const LISTENER_STATS = 'dataendpoint:default/listener-stats';
const HOURLY = 'dataendpoint:default/track-played-hourly';
const STATS_JOB = 'pipeline:default/daily-listening-stats';

const listenerIdPath = [
  { node: HOURLY, title: 'track-played-hourly', column: 'user_id' },
  {
    node: LISTENER_STATS,
    title: 'listener-stats',
    column: 'listener_id',
    via: STATS_JOB,
  },
];
const emailDomainPath = [
  {
    node: 'openlineage:dataset:bigquery/sp-accounts.accounts.profiles',
    title: 'sp-accounts.accounts.profiles',
    column: 'email',
  },
  { node: '', title: '', hidden: true },
  {
    node: LISTENER_STATS,
    title: 'listener-stats',
    column: 'email_domain',
    via: STATS_JOB,
  },
];

export const listenerIdFinding: PiiFinding = {
  endpoint: LISTENER_STATS,
  title: 'listener-stats',
  owner: 'group:default/royalties',
  column: 'listener_id',
  kind: 'declaredNone',
  certainty: 'derived',
  classification: 'pseudonymize',
  path: listenerIdPath,
  message:
    'listener_id is declared pii: none but carries pseudonymize data from track-played-hourly.user_id.',
  since: '2026-12-06T09:15:00.000Z',
};

export const emailDomainFinding: PiiFinding = {
  endpoint: LISTENER_STATS,
  title: 'listener-stats',
  owner: 'group:default/royalties',
  column: 'email_domain',
  kind: 'undeclared',
  certainty: 'derived',
  classification: 'encrypt',
  path: emailDomainPath,
  message:
    'email_domain receives encrypt data from sp-accounts.accounts.profiles.email, and the schema does not declare it.',
  since: '2026-12-07T11:00:00.000Z',
};

/** What `GET /pii/endpoint?ref=dataendpoint:default/listener-stats` answers. */
export const listenerStatsPii: EndpointPii = {
  ref: LISTENER_STATS,
  columns: [
    { column: 'country', declared: 'pseudonymize', derived: [] },
    {
      column: 'email_domain',
      derived: [
        {
          certainty: 'derived',
          classification: 'encrypt',
          path: emailDomainPath,
        },
      ],
    },
    {
      column: 'listener_id',
      declared: 'none',
      derived: [
        {
          certainty: 'derived',
          classification: 'pseudonymize',
          path: listenerIdPath,
        },
      ],
    },
    {
      column: 'session_country',
      derived: [
        {
          certainty: 'derived',
          classification: 'pseudonymize',
          path: [
            { node: HOURLY, title: 'track-played-hourly', column: 'country' },
            {
              node: LISTENER_STATS,
              title: 'listener-stats',
              column: 'session_country',
              via: STATS_JOB,
            },
          ],
        },
      ],
    },
  ],
  findings: [listenerIdFinding, emailDomainFinding],
  computedAt: '2026-12-07T12:00:00.000Z',
};

/** An export only dataset-level lineage reaches from plays-raw. */
export const playsExportPii = (ref: string): EndpointPii => ({
  ref,
  columns: ['listeners', 'track_id'].map(column => ({
    column,
    derived: [
      {
        certainty: 'mayContain',
        classification: 'pseudonymize',
        path: [
          { node: 'dataendpoint:default/plays-raw', title: 'plays-raw' },
          { node: ref, title: 'plays-export' },
        ],
      },
    ],
  })),
  findings: [],
  computedAt: '2026-12-07T12:00:00.000Z',
});
