/*
 * A fake of Pub/Sub's REST API v1 as the client library's REST transport
 * calls it (`$alt=json;enum-encoding=int`: enums as numbers, durations as
 * "86400s"): topics, subscriptions (BigQuery ones too) and schemas with
 * their revisions: list (paged), create, get, patch with an update mask,
 * commit and delete revisions, and IAM policies.
 */
import {
  FakeAnswer,
  FakeRequest,
  FakeRoute,
  FakeService,
  googleError,
  ok,
  Versions,
} from './fakeApi';
import type { QuotaRefusal, TimeSource } from './quotas';

/** Pub/Sub keeps at most this many revisions of a schema. */
const MAX_REVISIONS = 20;
const AVRO = 2;
const SCHEMA_TYPES: Record<string, number> = { PROTOCOL_BUFFER: 1, AVRO: 2 };
const ENCODINGS: Record<string, number> = { JSON: 1, BINARY: 2 };
const FULL_VIEW = new Set(['2', 'FULL']);
const ACTIVE = 1;

type Topic = Record<string, any> & { name: string };
type Subscription = Record<string, any> & { name: string; topic: string };
type Revision = {
  name: string;
  type: number;
  definition: string;
  revisionId: string;
  revisionCreateTime: string;
};
type Policy = { version: number; etag: string; bindings?: unknown[] };

const notFound = (name: string) =>
  googleError(404, 'NOT_FOUND', `Resource not found (resource=${name}).`);
const alreadyExists = (name: string) =>
  googleError(
    409,
    'ALREADY_EXISTS',
    `Resource already exists in the project (resource=${name}).`,
  );
const invalid = (message: string) =>
  googleError(400, 'INVALID_ARGUMENT', message);
const failedPrecondition = (message: string) =>
  googleError(400, 'FAILED_PRECONDITION', message);

const enumValue = (value: unknown, names: Record<string, number>) =>
  typeof value === 'number' ? value : names[String(value)] ?? 0;

/** Sets the fields an update mask names (snake_case, comma-separated) from `source`. */
function applyMask(
  target: Record<string, any>,
  source: Record<string, any>,
  mask: unknown,
  allowed: Record<string, string>,
): string | undefined {
  const paths = Array.isArray(mask)
    ? mask
    : String((mask as any)?.paths ?? mask ?? '').split(',');
  for (const path of paths.map(p => String(p).trim()).filter(Boolean)) {
    const field = allowed[path];
    if (!field) return `Invalid update_mask provided in the request: ${path}`;
    if (source[field] === undefined || source[field] === null)
      delete target[field];
    else target[field] = source[field];
  }
  return undefined;
}

/** A page of a list: `pageSize` items after `pageToken`. */
function pageOf<T>(items: T[], request: FakeRequest, key: string) {
  const size = Math.min(
    Number(request.query.get('pageSize') ?? 100) || 100,
    1000,
  );
  const start = Number(request.query.get('pageToken') || 0);
  return {
    [key]: items.slice(start, start + size),
    ...(start + size < items.length
      ? { nextPageToken: String(start + size) }
      : {}),
  };
}

export class PubSubFake implements FakeService {
  readonly prefix = '/v1';
  private readonly topics = new Map<string, Topic>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly schemas = new Map<string, Revision[]>();
  private readonly policies = new Map<string, Policy>();
  private readonly versions = new Versions();

  constructor(
    private readonly time: { current: TimeSource },
    private readonly hasTable: (
      project: string,
      dataset: string,
      table: string,
    ) => boolean,
  ) {}

  rateLimited(refusal: QuotaRefusal): FakeAnswer {
    return googleError(429, 'RESOURCE_EXHAUSTED', refusal.message);
  }

  route(verb: string, s: string[]): FakeRoute | undefined {
    if (s[0] !== 'projects' || !s[1] || !s[2]) return undefined;
    const parent = `projects/${s[1]}`;
    const kind = s[2];
    if (!['topics', 'subscriptions', 'schemas'].includes(kind))
      return undefined;
    if (s.length === 3) {
      if (verb === 'GET') {
        return {
          method: `pubsub.${kind}.list`,
          answer: r => this.list(kind, parent, r),
        };
      }
      if (verb === 'POST' && kind === 'schemas') {
        return {
          method: 'pubsub.schemas.create',
          answer: r => this.createSchema(parent, r),
        };
      }
      return undefined;
    }
    if (s.length !== 4) return undefined;
    const [id, action] = s[3].split(':');
    const name = `${parent}/${kind}/${id}`;
    if (action === 'getIamPolicy' || action === 'setIamPolicy') {
      if (verb !== 'POST' || kind === 'schemas') return undefined;
      return {
        method: `pubsub.${kind}.${action}`,
        answer: r =>
          action === 'getIamPolicy'
            ? this.getPolicy(kind, name)
            : this.setPolicy(kind, name, r),
      };
    }
    if (kind === 'schemas') {
      if (action === 'listRevisions' && verb === 'GET') {
        return {
          method: 'pubsub.schemas.listRevisions',
          answer: r => this.listRevisions(name, r),
        };
      }
      if (action === 'commit' && verb === 'POST') {
        return {
          method: 'pubsub.schemas.commit',
          answer: r => this.commitSchema(name, r),
        };
      }
      if (action === 'deleteRevision' && verb === 'DELETE') {
        return {
          method: 'pubsub.schemas.deleteRevision',
          answer: r => this.deleteRevision(name, r),
        };
      }
      if (!action && verb === 'GET') {
        return {
          method: 'pubsub.schemas.get',
          answer: () => this.getSchema(name),
        };
      }
      return undefined;
    }
    if (action) return undefined;
    const items = kind === 'topics' ? this.topics : this.subscriptions;
    if (verb === 'GET') {
      return {
        method: `pubsub.${kind}.get`,
        answer: () => (items.has(name) ? ok(items.get(name)) : notFound(name)),
      };
    }
    if (verb === 'PUT') {
      return {
        method: `pubsub.${kind}.create`,
        answer: r =>
          kind === 'topics'
            ? this.createTopic(name, r)
            : this.createSubscription(name, r),
      };
    }
    if (verb === 'PATCH') {
      return {
        method: `pubsub.${kind}.patch`,
        answer: r =>
          kind === 'topics'
            ? this.patchTopic(name, r)
            : this.patchSubscription(name, r),
      };
    }
    return undefined;
  }

  private list(kind: string, parent: string, request: FakeRequest): FakeAnswer {
    const inProject = <T extends { name: string }>(items: Iterable<T>) =>
      [...items]
        .filter(i => i.name.startsWith(`${parent}/`))
        .sort((a, b) => a.name.localeCompare(b.name));
    if (kind === 'topics')
      return ok(pageOf(inProject(this.topics.values()), request, 'topics'));
    if (kind === 'subscriptions') {
      return ok(
        pageOf(
          inProject(this.subscriptions.values()),
          request,
          'subscriptions',
        ),
      );
    }
    const full = FULL_VIEW.has(request.query.get('view') ?? '');
    const latest = inProject(
      [...this.schemas.values()].map(
        revisions => revisions[revisions.length - 1],
      ),
    ).map(r => (full ? r : { name: r.name, type: r.type }));
    return ok(pageOf(latest, request, 'schemas'));
  }

  private createTopic(name: string, request: FakeRequest): FakeAnswer {
    if (this.topics.has(name)) return alreadyExists(name);
    const body = request.body ?? {};
    const topic: Topic = { name, state: ACTIVE };
    if (body.labels && Object.keys(body.labels).length)
      topic.labels = { ...body.labels };
    if (body.messageRetentionDuration)
      topic.messageRetentionDuration = body.messageRetentionDuration;
    if (body.schemaSettings) {
      const problem = this.invalidSchemaSettings(body.schemaSettings);
      if (problem) return problem;
      topic.schemaSettings = {
        ...body.schemaSettings,
        encoding: enumValue(body.schemaSettings.encoding, ENCODINGS),
      };
    }
    this.topics.set(name, topic);
    return ok(topic);
  }

  private invalidSchemaSettings(settings: any): FakeAnswer | undefined {
    if (!this.schemas.has(settings.schema)) {
      return invalid(`Schema ${settings.schema} does not exist.`);
    }
    return undefined;
  }

  private patchTopic(name: string, request: FakeRequest): FakeAnswer {
    const topic = this.topics.get(name);
    if (!topic) return notFound(name);
    const asked = request.body?.topic ?? {};
    if (asked.schemaSettings) {
      const problem = this.invalidSchemaSettings(asked.schemaSettings);
      if (problem) return problem;
      asked.schemaSettings.encoding = enumValue(
        asked.schemaSettings.encoding,
        ENCODINGS,
      );
    }
    const next = { ...topic };
    const problem = applyMask(next, asked, request.body?.updateMask, {
      labels: 'labels',
      message_retention_duration: 'messageRetentionDuration',
      schema_settings: 'schemaSettings',
    });
    if (problem) return invalid(problem);
    this.topics.set(name, next);
    return ok(next);
  }

  private createSubscription(name: string, request: FakeRequest): FakeAnswer {
    if (this.subscriptions.has(name)) return alreadyExists(name);
    const body = request.body ?? {};
    if (!this.topics.has(body.topic)) return notFound(body.topic);
    const problem = this.invalidBigQueryConfig(body.bigqueryConfig);
    if (problem) return problem;
    const subscription: Subscription = {
      name,
      topic: body.topic,
      ...(body.labels && Object.keys(body.labels).length
        ? { labels: { ...body.labels } }
        : {}),
      ackDeadlineSeconds: body.ackDeadlineSeconds ?? 10,
      messageRetentionDuration: body.messageRetentionDuration ?? '604800s',
      expirationPolicy: { ttl: '2678400s' },
      ...(body.bigqueryConfig
        ? { bigqueryConfig: { ...body.bigqueryConfig, state: ACTIVE } }
        : {}),
      ...(body.messageTransforms
        ? { messageTransforms: body.messageTransforms }
        : {}),
      state: ACTIVE,
    };
    this.subscriptions.set(name, subscription);
    return ok(subscription);
  }

  private invalidBigQueryConfig(config: any): FakeAnswer | undefined {
    if (!config) return undefined;
    const match = /^(.+)[.:]([^.:]+)\.([^.:]+)$/.exec(config.table ?? '');
    if (!match || !this.hasTable(match[1], match[2], match[3])) {
      return failedPrecondition(
        `The BigQuery table ${config.table} does not exist.`,
      );
    }
    if (config.useTopicSchema && config.useTableSchema) {
      return invalid('useTopicSchema and useTableSchema cannot both be set.');
    }
    return undefined;
  }

  private patchSubscription(name: string, request: FakeRequest): FakeAnswer {
    const subscription = this.subscriptions.get(name);
    if (!subscription) return notFound(name);
    const asked = request.body?.subscription ?? {};
    const problem = this.invalidBigQueryConfig(asked.bigqueryConfig);
    if (problem) return problem;
    const next = { ...subscription };
    const masked = applyMask(next, asked, request.body?.updateMask, {
      labels: 'labels',
      bigquery_config: 'bigqueryConfig',
      message_transforms: 'messageTransforms',
    });
    if (masked) return invalid(masked);
    if (next.bigqueryConfig)
      next.bigqueryConfig = { ...next.bigqueryConfig, state: ACTIVE };
    this.subscriptions.set(name, next);
    return ok(next);
  }

  private revision(name: string, schema: any): Revision | FakeAnswer {
    const type = enumValue(schema?.type, SCHEMA_TYPES);
    if (type !== AVRO)
      return invalid('The fake Pub/Sub takes Avro schemas only.');
    try {
      JSON.parse(schema.definition);
    } catch {
      return invalid('Invalid Avro schema definition.');
    }
    return {
      name,
      type,
      definition: schema.definition,
      revisionId: this.versions.revisionId(),
      revisionCreateTime: new Date(this.time.current.now()).toISOString(),
    };
  }

  private createSchema(parent: string, request: FakeRequest): FakeAnswer {
    const id = request.query.get('schemaId');
    if (!id) return invalid('schema_id is required.');
    const name = `${parent}/schemas/${id}`;
    if (this.schemas.has(name)) return alreadyExists(name);
    const revision = this.revision(name, request.body);
    if ('status' in revision) return revision;
    this.schemas.set(name, [revision]);
    return ok(revision);
  }

  private getSchema(name: string): FakeAnswer {
    const revisions = this.schemas.get(name);
    return revisions ? ok(revisions[revisions.length - 1]) : notFound(name);
  }

  private listRevisions(name: string, request: FakeRequest): FakeAnswer {
    const revisions = this.schemas.get(name);
    if (!revisions) return notFound(name);
    // Newest first, as Pub/Sub lists them.
    return ok(pageOf([...revisions].reverse(), request, 'schemas'));
  }

  private commitSchema(name: string, request: FakeRequest): FakeAnswer {
    const revisions = this.schemas.get(name);
    if (!revisions) return notFound(name);
    if (revisions.length >= MAX_REVISIONS) {
      return failedPrecondition(
        `Schema ${name} has reached the maximum of ${MAX_REVISIONS} revisions.`,
      );
    }
    const revision = this.revision(name, request.body?.schema);
    if ('status' in revision) return revision;
    revisions.push(revision);
    return ok(revision);
  }

  private deleteRevision(at: string, request: FakeRequest): FakeAnswer {
    const [name, fromName] = at.split('@');
    const revisionId = fromName ?? request.query.get('revisionId');
    const revisions = this.schemas.get(name);
    const index = revisions?.findIndex(r => r.revisionId === revisionId) ?? -1;
    if (!revisions || index < 0) return notFound(at);
    if (revisions.length === 1) {
      return failedPrecondition(
        'The last revision of a schema cannot be deleted.',
      );
    }
    const [deleted] = revisions.splice(index, 1);
    return ok(deleted);
  }

  private getPolicy(kind: string, name: string): FakeAnswer {
    const items = kind === 'topics' ? this.topics : this.subscriptions;
    if (!items.has(name)) return notFound(name);
    return ok(this.policies.get(name) ?? { version: 1, etag: 'ACAB' });
  }

  private setPolicy(
    kind: string,
    name: string,
    request: FakeRequest,
  ): FakeAnswer {
    const items = kind === 'topics' ? this.topics : this.subscriptions;
    if (!items.has(name)) return notFound(name);
    const live = this.policies.get(name) ?? { version: 1, etag: 'ACAB' };
    const asked = request.body?.policy ?? {};
    if (asked.etag && asked.etag !== live.etag) {
      return googleError(
        409,
        'ABORTED',
        'There were concurrent policy changes. Please retry the whole read-modify-write with exponential backoff.',
      );
    }
    const policy: Policy = {
      version: 1,
      etag: this.versions.etag(),
      ...(asked.bindings?.length ? { bindings: asked.bindings } : {}),
    };
    this.policies.set(name, policy);
    return ok(policy);
  }
}
