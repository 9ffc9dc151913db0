import { ForwardedError } from '@backstage/errors';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { AlertRecord, AlertStore } from '../store/AlertStore';
import type { NoticeStore, SentNotice } from '../store/NoticeStore';
import { isBadDataScope } from './badDataNotices';
import { Notice, NoticeSubject, TOPIC } from './notice';
import { planNotices } from './planNotices';

/** Digest of a notice closed with its "resolved" update. */
const RESOLVED = 'resolved';
/** Notifications in flight at once (each is a call to the notifications backend). */
const CONCURRENCY = 8;

/** What one notification pass sent. */
export type NotifyResult = { sent: number; resolved: number };

/**
 * Delivers what planNotices asks for through Backstage notifications. Each
 * scope is sent again only when its digest changed, and always under the
 * same scope, so the notifications backend updates the earlier notification
 * instead of adding one. When an alert's problem is gone, its scope gets a
 * last "resolved" update. A notice that could not be sent is not recorded,
 * so the next sweep sends it again.
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
    pipelines: Map<string, NoticeSubject>,
    now: number,
  ): Promise<NotifyResult> {
    const { notices: store } = this.options;
    const plan = planNotices(live, pipelines);
    // Open notices in one read; only scopes it lacks (new problems, or
    // problems back after being resolved) are looked up one batch at a time.
    const unfinished = await store.unfinished(RESOLVED);
    const sent = new Map(unfinished.map(n => [n.scope, n]));
    const lookup = plan.notices.map(n => n.scope).filter(s => !sent.has(s));
    for (const [scope, notice] of await store.get(lookup)) {
      sent.set(scope, notice);
    }
    const changed = plan.notices.filter(
      n => sent.get(n.scope)?.digest !== n.digest,
    );
    const wanted = new Set(plan.notices.map(n => n.scope));
    const finals: Notice[] = unfinished
      .filter(p => !wanted.has(p.scope) && !plan.held.has(p.scope))
      .map(previous => ({
        scope: previous.scope,
        recipients: previous.recipients,
        alertIds: [],
        digest: RESOLVED,
        payload: {
          title: `Resolved: ${previous.title.replace(/^Resolved: /, '')}`,
          description: isBadDataScope(previous.scope)
            ? 'The problem is gone: the critical checks pass again, or an owner resolved the alert.'
            : 'The problem is gone: the partition landed or the run succeeded.',
          severity: 'low',
          topic: TOPIC,
          scope: previous.scope,
        },
      }));

    const { delivered, failures } = await this.deliverAll([
      ...changed,
      ...finals,
    ]);
    await store.record(
      delivered.map(
        (n): SentNotice => ({
          scope: n.scope,
          digest: n.digest,
          sentAt: now,
          recipients: n.recipients,
          title: n.payload.title,
          alertId: n.alertIds[0],
        }),
      ),
    );
    await this.options.alerts.note(
      delivered.flatMap(n =>
        n.alertIds.map(alertId => ({
          alertId,
          event: {
            action: 'notified' as const,
            by: 'system',
            at: now,
            note: `${
              sent.has(n.scope) ? 'updated' : 'sent'
            } to ${n.recipients.join(', ')}`,
          },
        })),
      ),
    );
    if (failures.length > 0) {
      throw new ForwardedError(
        `${failures.length} pipeline-health notification(s) could not be sent; they are retried next sweep`,
        failures[0],
      );
    }
    const resolved = delivered.filter(n => n.digest === RESOLVED).length;
    return { sent: delivered.length - resolved, resolved };
  }

  private async deliverAll(notices: Notice[]) {
    const delivered: Notice[] = [];
    const failures: unknown[] = [];
    let next = 0;
    const worker = async () => {
      while (next < notices.length) {
        const notice = notices[next++];
        try {
          await this.options.notifications.send({
            recipients: { type: 'entity', entityRef: notice.recipients },
            payload: notice.payload,
          });
          delivered.push(notice);
        } catch (error) {
          failures.push(error);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { delivered, failures };
  }
}
