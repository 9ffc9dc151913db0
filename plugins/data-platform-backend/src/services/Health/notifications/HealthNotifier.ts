import { ForwardedError } from '@backstage/errors';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { AlertRecord, AlertStore } from '../store/AlertStore';
import type { HealthPipeline } from '../store/PipelineStore';
import type { NoticeStore, SentNotice } from '../store/NoticeStore';
import { Notice, planNotices, TOPIC } from './planNotices';

/** Digest of a notice closed with its "resolved" update. */
const RESOLVED = 'resolved';

/** What one notification pass sent. */
export type NotifyResult = { sent: number; resolved: number };

/**
 * Delivers what planNotices asks for through Backstage notifications. Each
 * scope is sent again only when its digest changed, and always under the
 * same scope, so the notifications backend updates the earlier notification
 * instead of adding one. When an alert's problem is gone, its scope gets a
 * last "resolved" update.
 */
export class HealthNotifier {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      notices: NoticeStore;
      alerts: AlertStore;
    },
  ) {}

  async notify(
    live: AlertRecord[],
    pipelines: Map<string, Pick<HealthPipeline, 'title' | 'owner'>>,
    now: number,
  ): Promise<NotifyResult> {
    const { notices: store } = this.options;
    const plan = planNotices(live, pipelines);
    const sent = await store.get(plan.notices.map(n => n.scope));
    const failures: unknown[] = [];
    let sentCount = 0;
    for (const notice of plan.notices) {
      const previous = sent.get(notice.scope);
      if (previous?.digest === notice.digest) continue;
      try {
        await this.deliver(notice);
      } catch (error) {
        failures.push(error);
        continue;
      }
      const record: SentNotice = {
        scope: notice.scope,
        digest: notice.digest,
        sentAt: now,
        recipients: notice.recipients,
        title: notice.payload.title,
        alertId: notice.alertIds[0],
      };
      if (!(await store.claim(record, previous?.digest))) continue;
      sentCount += 1;
      for (const id of notice.alertIds) {
        await this.options.alerts.note(id, [
          {
            action: 'notified',
            by: 'system',
            at: now,
            note: `${previous ? 'updated' : 'sent'} to ${notice.recipients.join(', ')}`,
          },
        ]);
      }
    }

    const wanted = new Set(plan.notices.map(n => n.scope));
    let resolved = 0;
    for (const previous of await store.unfinished(RESOLVED)) {
      if (wanted.has(previous.scope) || plan.held.has(previous.scope)) continue;
      const title = `Resolved: ${previous.title}`;
      try {
        await this.deliver({
          scope: previous.scope,
          recipients: previous.recipients,
          alertIds: [],
          digest: RESOLVED,
          payload: {
            title,
            description: 'The problem is gone: the partition landed or the run succeeded.',
            severity: 'low',
            topic: TOPIC,
            scope: previous.scope,
          },
        });
      } catch (error) {
        failures.push(error);
        continue;
      }
      const claimed = await store.claim(
        { ...previous, digest: RESOLVED, sentAt: now, title },
        previous.digest,
      );
      if (claimed) resolved += 1;
    }
    if (failures.length > 0) {
      throw new ForwardedError(
        `${failures.length} pipeline-health notification(s) could not be sent; they are retried next sweep`,
        failures[0],
      );
    }
    return { sent: sentCount, resolved };
  }

  private async deliver(notice: Notice) {
    await this.options.notifications.send({
      recipients: { type: 'entity', entityRef: notice.recipients },
      payload: notice.payload,
    });
  }
}
