import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CatalogMirror,
  MirrorPassResult,
  MirrorTiming,
} from '../CatalogSync/CatalogMirror';
import { MirrorState } from '../CatalogSync/MirrorState';
import { DatabaseSchemaFieldStore } from './DatabaseSchemaFieldStore';
import { SchemaFieldRecord, toSchemaFieldRecord } from './schemaFieldRecord';

/**
 * Keeps the schema field index in step with the catalog, incrementally (see
 * {@link CatalogMirror}): only event types and data endpoints whose etag
 * changed are fetched and flattened again. An endpoint that stores an event
 * type's schema follows that event type's changes without being fetched.
 */
export class SchemaFieldSync {
  private readonly mirror: CatalogMirror<SchemaFieldRecord>;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    store: DatabaseSchemaFieldStore;
    logger: LoggerService;
    timing?: Partial<MirrorTiming>;
    /** Where the sync left off; pass a DatabaseMirrorState to share it between instances. */
    state?: MirrorState;
    now?: () => number;
  }) {
    const { store } = options;
    this.mirror = new CatalogMirror({
      ...options,
      name: 'the schema field index',
      target: {
        etags: kinds => store.entityEtags(kinds),
        etagsOf: refs => store.entityEtagsOf(refs),
        count: kinds => store.countEntities(kinds),
        convert: toSchemaFieldRecord,
        put: records => store.upsertEntities(records),
        remove: refs => store.removeEntities(refs),
      },
      stampedKinds: ['eventtype', 'dataendpoint'],
    });
  }

  /** One pass; stops between batches once `signal` fires. */
  run(signal?: AbortSignal): Promise<MirrorPassResult> {
    return this.mirror.run(signal);
  }
}
