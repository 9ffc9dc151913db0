import { parseEntityRef } from '@backstage/catalog-model';
import type { AlertSeverity } from '@dataplatform/backstage-plugin-data-platform-common';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import { createHash } from 'node:crypto';
import { SEVERITY_RANK } from '../alerts/severity';
import type { PipelineStatus } from '../store/PipelineStore';

/** A notification as health wants it delivered now. */
export type Notice = {
  scope: string;
  recipients: string[];
  payload: NotificationPayload & { scope: string; title: string };
  /** What makes a re-send worth it: title, severity, recipients. */
  digest: string;
  /** Alerts whose history records the sending. */
  alertIds: string[];
};

/** What notifications the current alerts call for. */
export type NoticePlan = {
  notices: Notice[];
  /** Scopes to leave as they are (acknowledged or snoozed alerts). */
  held: Set<string>;
};

/** The notifications topic of everything pipeline health sends. */
export const TOPIC = 'Pipeline health';

/** Link to a pipeline's Health tab in the portal. */
export function pipelineHealthLink(pipelineRef: string): string {
  const { namespace, name } = parseEntityRef(pipelineRef);
  return `/catalog/${encodeURIComponent(
    namespace,
  )}/pipeline/${encodeURIComponent(name)}/health`;
}

/** Link to a DataEndpoint's Quality tab in the portal. */
export function endpointQualityLink(endpointRef: string): string {
  const { namespace, name } = parseEntityRef(endpointRef);
  return `/catalog/${encodeURIComponent(
    namespace,
  )}/dataendpoint/${encodeURIComponent(name)}/quality`;
}

/** What makes a notice worth sending again, as one string. */
export function digestOf(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

const WORDS = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: 'UTC',
});

/** `26 Nov 2026, 09:00 UTC`: a time as people read it in a notification. */
export const utc = (ms?: number) =>
  ms === undefined || Number.isNaN(ms) ? '?' : `${WORDS.format(ms)} UTC`;

/** What a notice says about its subject: a pipeline, or an endpoint. */
export type NoticeSubject = {
  title: string;
  owner?: string;
  /** A pipeline's current state, as this sweep writes it (see CurrentState). */
  status?: PipelineStatus;
};

/** The most severe of some severities (`low` for none). */
export const worst = (severities: AlertSeverity[]) =>
  severities.reduce(
    (a, b) => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a),
    'low',
  );
