import { Knex } from 'knex';
import { chunk } from '../../../database/chunk';
import {
  ArrayColumn,
  isPostgres,
  upsertFromArrays,
} from '../../../database/pgArrays';

const TABLE = 'health_notifications_sent';
const ROW_COLUMNS: ArrayColumn[] = [
  ['scope', 'text'],
  ['digest', 'text'],
  ['sent_at', 'bigint'],
  ['recipients', 'text'],
  ['title', 'text'],
  ['alert_id', 'text'],
];

/** What a notification scope last said, and to whom. */
export type SentNotice = {
  scope: string;
  digest: string;
  sentAt: number;
  recipients: string[];
  title: string;
  alertId?: string;
};

/**
 * The digest of the last notification sent per scope, so that a sweep sends
 * a notification only when what it says changed, however many sweeps see the
 * same alert.
 */
export class NoticeStore {
  constructor(private readonly db: Knex) {}

  async get(scopes: string[]): Promise<Map<string, SentNotice>> {
    const found = new Map<string, SentNotice>();
    for (const batch of chunk(scopes, 500)) {
      const rows = await this.db(TABLE).whereIn('scope', batch);
      for (const row of rows) found.set(row.scope, toNotice(row));
    }
    return found;
  }

  /** Notices not yet closed with their final message. */
  async unfinished(finalDigest: string): Promise<SentNotice[]> {
    const rows = await this.db(TABLE).whereNot('digest', finalDigest);
    return rows.map(toNotice);
  }

  /**
   * Records what each scope now says. The sweep's lease makes the sweep the
   * only writer, so a plain upsert (batched) is enough.
   */
  async record(notices: SentNotice[]): Promise<void> {
    const rows = notices.map(n => ({
      scope: n.scope,
      digest: n.digest,
      sent_at: n.sentAt,
      recipients: JSON.stringify(n.recipients),
      title: n.title.slice(0, 512),
      alert_id: n.alertId ?? null,
    }));
    if (isPostgres(this.db)) {
      await upsertFromArrays(this.db, TABLE, ROW_COLUMNS, rows, {
        conflict: ['scope'],
        merge: ROW_COLUMNS.slice(1).map(([column]) => column),
      });
      return;
    }
    for (const batch of chunk(rows, 500)) {
      await this.db(TABLE)
        .insert(batch)
        .onConflict('scope')
        .merge(['digest', 'sent_at', 'recipients', 'title', 'alert_id']);
    }
  }
}

function toNotice(row: Record<string, any>): SentNotice {
  return {
    scope: row.scope,
    digest: row.digest,
    sentAt: Number(row.sent_at),
    recipients: JSON.parse(row.recipients),
    title: row.title,
    alertId: row.alert_id ?? undefined,
  };
}
