import type {
  CompatibilityMode,
  SchemaField,
  SchemaRevision,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { forkRandom } from '../random';
import { DOMAINS } from '../vocabulary';
import type { Platform } from './types';

/**
 * Schemas are not stored in the model: each is derived from the seed and the
 * item's index whenever an entity or an event needs it, so the catalog YAML
 * and the OpenLineage schema facets agree without holding 70,000 schemas.
 */

const column = (name: string) => name.replace(/-/g, '_');

/** Entities whose id identifies a person. */
const PERSONAL = new Set(['user', 'fan', 'friend', 'creator']);
/** Measures that are money. */
const MONEY = new Set([
  'revenue',
  'spend',
  'royalties',
  'payouts',
  'sales',
  'arpu',
  'refunds',
]);
/** Measures that are ratios. */
const RATIOS = /rate|ctr|score|embeddings|features|latency/;

function categoryOf(subject: string): string {
  for (const domain of DOMAINS) {
    const found = domain.subjects.find(([s]) => s === subject);
    if (found) return found[1];
  }
  return 'lifecycle';
}

const CATEGORY_FIELDS: Record<string, SchemaField[]> = {
  media: [
    {
      name: 'ms_played',
      type: 'INT64',
      mode: 'REQUIRED',
      description: 'Milliseconds of audio or video actually played.',
    },
    { name: 'position_ms', type: 'INT64' },
    {
      name: 'source',
      type: 'RECORD',
      description: 'Where playback started from.',
      fields: [
        { name: 'type', type: 'STRING' },
        { name: 'uri', type: 'STRING' },
      ],
    },
    { name: 'shuffle', type: 'BOOL' },
    { name: 'offline', type: 'BOOL' },
  ],
  commerce: [
    {
      name: 'amount',
      type: 'NUMERIC',
      description: 'Amount in the currency below.',
    },
    { name: 'currency', type: 'STRING' },
    {
      name: 'plan',
      type: 'STRING',
      description:
        'premium_individual, premium_family, premium_student or free.',
    },
    { name: 'payment_method', type: 'STRING', pii: 'encrypt' },
    { name: 'billing_country', type: 'STRING' },
  ],
  ui: [
    {
      name: 'surface',
      type: 'STRING',
      description: 'home, search, library, now_playing or settings.',
    },
    { name: 'position', type: 'INT64' },
    { name: 'element_id', type: 'STRING' },
    { name: 'impression_id', type: 'STRING' },
  ],
  lifecycle: [
    { name: 'reason', type: 'STRING' },
    { name: 'previous_state', type: 'STRING' },
    {
      name: 'actor_type',
      type: 'STRING',
      description: 'user, system or support.',
    },
  ],
};

/** Most event types keep the default. */
const COMPATIBILITIES = {
  BACKWARD: 80,
  BACKWARD_TRANSITIVE: 8,
  FULL: 6,
  FORWARD: 4,
  NONE: 2,
} as Record<CompatibilityMode, number>;

const CONTEXT: SchemaField = {
  name: 'context',
  type: 'RECORD',
  mode: 'REQUIRED',
  description: 'The device and network the event happened on.',
  fields: [
    { name: 'os', type: 'STRING', mode: 'REQUIRED' },
    { name: 'app_version', type: 'STRING' },
    {
      name: 'country',
      type: 'STRING',
      description: 'ISO 3166-1 alpha-2, from the IP address.',
    },
    {
      name: 'ip_address',
      type: 'STRING',
      pii: 'drop',
      description: 'Dropped at ingestion; never stored.',
    },
  ],
};

/** The current schema of an event type, and its earlier revisions. */
export function eventTypeSchema(
  platform: Platform,
  index: number,
): {
  fields: SchemaField[];
  history: SchemaRevision[];
  compatibility: CompatibilityMode;
} {
  const eventType = platform.eventTypes[index];
  const random = forkRandom(platform.options.seed, 'event-schema', index);
  const category = categoryOf(eventType.subject);
  // Later revisions add these, so they are NULLABLE: adding a REQUIRED
  // field would break the event type's own compatibility mode.
  const optional = random
    .shuffled(CATEGORY_FIELDS[category])
    .slice(0, random.int(2, CATEGORY_FIELDS[category].length))
    .map(f =>
      f.mode === 'REQUIRED' ? { ...f, mode: 'NULLABLE' as const } : f,
    );
  const required: SchemaField[] = [
    {
      name: 'event_id',
      type: 'STRING',
      mode: 'REQUIRED',
      description: 'Set by the client; ingestion deduplicates on it.',
    },
    { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
    { name: 'user_id', type: 'STRING', mode: 'REQUIRED', pii: 'pseudonymize' },
    {
      name: `${column(eventType.subject)}_id`,
      type: 'STRING',
      mode: 'REQUIRED',
    },
  ];
  // Revisions only ever added optional fields (BACKWARD compatible).
  const fields = [...required, ...optional, CONTEXT];
  const history: SchemaRevision[] = [];
  for (let revision = 1; revision < eventType.revision; revision++) {
    const dropped = eventType.revision - revision;
    history.push({
      revision,
      fields: [
        ...required,
        ...optional.slice(0, Math.max(0, optional.length - dropped)),
        CONTEXT,
      ],
      comment:
        revision === 1
          ? 'First revision.'
          : `Added ${optional[optional.length - dropped]?.name ?? 'a field'}.`,
    });
  }
  const compatibility = random.weighted(COMPATIBILITIES);
  return { fields, history, compatibility };
}

/** Columns of the hub datasets beyond their id and partition column, by hub name. */
const HUB_COLUMNS: Record<string, SchemaField[]> = {
  plays: [
    { name: 'play_id', type: 'STRING', mode: 'REQUIRED' },
    { name: 'user_id', type: 'STRING', mode: 'REQUIRED', pii: 'pseudonymize' },
    { name: 'artist_id', type: 'STRING' },
    { name: 'ms_played', type: 'INT64', mode: 'REQUIRED' },
    { name: 'country', type: 'STRING' },
    { name: 'platform', type: 'STRING' },
  ],
  users: [
    { name: 'email', type: 'STRING', pii: 'encrypt' },
    { name: 'birth_year', type: 'INT64', pii: 'encrypt' },
    { name: 'country', type: 'STRING' },
    { name: 'product', type: 'STRING' },
    { name: 'registered_at', type: 'TIMESTAMP' },
  ],
  tracks: [
    { name: 'title', type: 'STRING' },
    { name: 'artist_id', type: 'STRING' },
    { name: 'album_id', type: 'STRING' },
    { name: 'isrc', type: 'STRING' },
    { name: 'duration_ms', type: 'INT64' },
  ],
};

/**
 * The columns of a derived endpoint (one that is not a topic or raw table,
 * whose schema is its event type's): a partition column, the id of what it
 * is about, the breakdown dimension, and measures.
 */
export function endpointFields(
  platform: Platform,
  index: number,
): SchemaField[] {
  const endpoint = platform.endpoints[index];
  const random = forkRandom(platform.options.seed, 'endpoint-schema', index);
  const entity = column(endpoint.entity ?? 'record');
  const fields: SchemaField[] = [];
  if (endpoint.granularity === 'HOUR')
    fields.push({
      name: 'hour',
      type: 'TIMESTAMP',
      mode: 'REQUIRED',
      description: 'Start of the hour the row is for (UTC).',
    });
  else if (endpoint.granularity === 'DAY')
    fields.push({
      name: 'date',
      type: 'DATE',
      mode: 'REQUIRED',
      description: 'The day the row is for.',
    });
  else fields.push({ name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' });
  fields.push({
    name: `${entity}_id`,
    type: 'STRING',
    mode: 'REQUIRED',
    ...(PERSONAL.has(endpoint.entity ?? '') ? { pii: 'pseudonymize' } : {}),
  });
  if (endpoint.role === 'hub') {
    const hubName = endpoint.name.split('-')[0];
    fields.push(
      ...(HUB_COLUMNS[hubName] ?? [
        { name: 'name', type: 'STRING' },
        { name: 'created_at', type: 'TIMESTAMP' },
        { name: 'country', type: 'STRING' },
      ]),
    );
  } else {
    if (endpoint.dimension)
      fields.push({ name: column(endpoint.dimension), type: 'STRING' });
    const measures = new Set([endpoint.measure!]);
    const more = DOMAINS[endpoint.domain].measures;
    for (let i = random.int(0, 3); i > 0; i--) measures.add(random.pick(more));
    for (const measure of measures) {
      const name = column(measure);
      if (MONEY.has(measure))
        fields.push({ name: `${name}_eur`, type: 'NUMERIC' });
      else if (RATIOS.test(measure))
        fields.push({
          name,
          type: measure === 'embeddings' ? 'JSON' : 'FLOAT64',
        });
      else fields.push({ name, type: 'INT64' });
    }
  }
  fields.push({ name: 'updated_at', type: 'TIMESTAMP' });
  return fields;
}

/** The name of the column an endpoint is partitioned by (see `endpointFields`). */
export function partitionColumn(granularity: string): string {
  if (granularity === 'HOUR') return 'hour';
  if (granularity === 'DAY') return 'date';
  return 'event_time';
}
