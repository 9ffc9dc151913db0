import { Knex } from 'knex';
import { chunk } from '../../../database/chunk';

const TABLE = 'health_notifications_sent';

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
   * Records that `notice.scope` now says `notice.digest`, if it still said
   * `previousDigest` (undefined: nothing yet). Returns false when someone
   * else recorded a change first: then they send, not the caller.
   */
  async claim(notice: SentNotice, previousDigest?: string): Promise<boolean> {
    const columns = {
      digest: notice.digest,
      sent_at: notice.sentAt,
      recipients: JSON.stringify(notice.recipients),
      title: notice.title.slice(0, 512),
      alert_id: notice.alertId ?? null,
    };
    if (previousDigest === undefined) {
      await this.db(TABLE)
        .insert({ scope: notice.scope, ...columns })
        .onConflict('scope')
        .ignore();
      const row = await this.db(TABLE).where('scope', notice.scope).first();
      return row?.digest === notice.digest && Number(row.sent_at) === notice.sentAt;
    }
    const updated = await this.db(TABLE)
      .where({ scope: notice.scope, digest: previousDigest })
      .update(columns);
    return updated === 1;
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
