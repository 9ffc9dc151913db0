import type { FoundRootCause } from '../rootCause/findRootCause';
import type { AlertRecord } from '../store/AlertStore';
import { planBadDataNotices } from './badDataNotices';
import {
  digestOf,
  Notice,
  NoticePlan,
  NoticeSubject,
  pipelineHealthLink,
  TOPIC,
  utc,
  worst,
} from './notice';

/** Scope of the notification of a root-cause alert. */
const alertScope = (alertId: string) => `dataplatform:health:alert:${alertId}`;
/** Scope of the one "expected delay" notice per root cause and downstream owner. */
const delayScope = (rootCauseRef: string, owner: string) =>
  `dataplatform:health:delay:${rootCauseRef}:${owner}`;

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

/**
 * What a root-cause alert says, from its pipeline's current state when the
 * state is about this alert (the story the on-call page and Health tab
 * tell), else from the alert alone.
 */
function problemText(
  alert: AlertRecord,
  subject?: NoticeSubject,
): { title: string; description: string } {
  const status =
    subject?.status?.alertId === alert.id ? subject.status : undefined;
  const first = status?.partition ?? alert.partitionStart;
  const partitions =
    status?.lastPartition !== undefined
      ? `partitions ${utc(first)} to ${utc(status.lastPartition)}`
      : `partition ${utc(first)}`;
  switch (alert.problem) {
    case 'failed':
      return {
        title: `${partitions} failed`,
        description: [
          status?.since !== undefined
            ? `Failing since ${utc(status.since)}.`
            : '',
          status?.failureReason ? `Error: ${status.failureReason}.` : '',
        ]
          .filter(Boolean)
          .join(' '),
      };
    case 'stale':
      return {
        title: `no fresh output since ${utc(alert.partitionStart)}`,
        description: 'The stream has reported no output within its SLA.',
      };
    default:
      return {
        title: `${partitions} ${
          status?.lastPartition !== undefined ? 'are' : 'is'
        } late`,
        description: `${
          status?.lastPartition !== undefined ? 'They have' : 'It has'
        } not landed${
          status?.since !== undefined ? `; late since ${utc(status.since)}` : ''
        }.`,
      };
  }
}

/**
 * Routing: the owner of a pipeline whose alert is its own root cause gets
 * that alert; the owner of each pipeline delayed by it gets one "expected
 * delay, caused by X" notice per root cause, listing their pipelines, unless
 * they already own the root cause. Acknowledged and snoozed alerts hold their
 * notices as they are. Bad data is routed the same way (see
 * planBadDataNotices). `pipelines` names the owner and title of every alert's
 * subject: pipelines, and endpoints with bad data no known pipeline wrote.
 */
export function planNotices(
  live: AlertRecord[],
  pipelines: Map<string, NoticeSubject>,
): NoticePlan {
  const badData = planBadDataNotices(
    live.filter(a => a.problem === 'bad_data'),
    pipelines,
  );
  const notices: Notice[] = [...badData.notices];
  const held = new Set<string>(badData.held);
  const title = (ref: string) => pipelines.get(ref)?.title ?? ref;
  const owner = (ref: string) => pipelines.get(ref)?.owner;

  const delays = live.filter(a => a.problem !== 'bad_data');
  const waiting = new Map<string, number>();
  for (const a of delays) {
    if (a.rootCauseRef)
      waiting.set(a.rootCauseRef, (waiting.get(a.rootCauseRef) ?? 0) + 1);
  }

  const groups = new Map<
    string,
    { rootRef: string; owner: string; alerts: AlertRecord[] }
  >();
  for (const alert of delays) {
    const recipient = owner(alert.pipelineRef);
    if (!recipient) continue;
    if (alert.rootCauseRef) {
      if (owner(alert.rootCauseRef) === recipient) continue; // they own the cause
      const scope = delayScope(alert.rootCauseRef, recipient);
      const group = groups.get(scope) ?? {
        rootRef: alert.rootCauseRef,
        owner: recipient,
        alerts: [],
      };
      group.alerts.push(alert);
      groups.set(scope, group);
      continue;
    }
    const scope = alertScope(alert.id);
    if (alert.state !== 'open') {
      held.add(scope);
      continue;
    }
    const said = problemText(alert, pipelines.get(alert.pipelineRef));
    const text = `${title(alert.pipelineRef)}: ${said.title}`;
    const downstream = waiting.get(alert.pipelineRef) ?? 0;
    notices.push({
      scope,
      recipients: [recipient],
      alertIds: [alert.id],
      digest: digestOf([text, said.description, alert.severity, recipient]),
      payload: {
        title: text,
        description: [
          said.description,
          downstream > 0
            ? `${plural(downstream, 'downstream pipeline')} wait${
                downstream === 1 ? 's' : ''
              } for it.`
            : '',
        ]
          .filter(Boolean)
          .join(' '),
        link: pipelineHealthLink(alert.pipelineRef),
        severity: alert.severity,
        topic: TOPIC,
        scope,
        metadata: {
          alertId: alert.id,
          pipelineRef: alert.pipelineRef,
          problem: alert.problem,
        },
      },
    });
  }

  for (const [scope, group] of groups) {
    if (!group.alerts.some(a => a.state === 'open')) {
      held.add(scope);
      continue;
    }
    notices.push(delayNotice(scope, group, title, owner));
  }
  return { notices, held };
}

/**
 * One "expected delay" notice: every live alert of the owner's pipelines
 * that waits on this root cause (the same rows the on-call page lists for
 * them), who owns the root cause, and what their own alerts are for.
 */
function delayNotice(
  scope: string,
  group: { rootRef: string; owner: string; alerts: AlertRecord[] },
  title: (ref: string) => string,
  owner: (ref: string) => string | undefined,
): Notice {
  const refs = [...new Set(group.alerts.map(a => a.pipelineRef))].sort();
  const handled = group.alerts.filter(a => a.state !== 'open').length;
  const chain: FoundRootCause | undefined = group.alerts.find(a => a.rootCause)
    ?.rootCause
    ? JSON.parse(group.alerts.find(a => a.rootCause)!.rootCause!)
    : undefined;
  const root = chain?.chain[chain.chain.length - 1];
  const rootOwner = owner(group.rootRef)?.replace(/^group:default\//, '');
  const cause = `${title(group.rootRef)}${
    rootOwner ? ` (owned by ${rootOwner})` : ''
  }`;
  const text =
    refs.length === 1
      ? `Expected delay for ${title(refs[0])}, caused by ${cause}`
      : `Expected delay for ${refs.length} pipelines, caused by ${cause}`;
  const severity = worst(group.alerts.map(a => a.severity));
  const description = [
    `${refs.map(title).join(', ')} wait${
      refs.length === 1 ? 's' : ''
    } for ${title(group.rootRef)}${
      root
        ? `, whose partition ${utc(
            Date.parse(root.partition),
          )} is ${root.state.replace('_', ' ')}`
        : ''
    }.`,
    `Its owner has the root-cause alert. Your ${plural(
      group.alerts.length,
      'alert',
    )} for them${
      handled > 0 ? ` (${handled} acknowledged or snoozed)` : ''
    } close by themselves once it lands; acknowledge them if you act on the delay, for example by telling your consumers.`,
  ].join(' ');
  return {
    scope,
    recipients: [group.owner],
    alertIds: group.alerts.map(a => a.id),
    digest: digestOf([text, description, severity, group.owner, refs]),
    payload: {
      title: text,
      description,
      link: pipelineHealthLink(refs[0]),
      severity,
      topic: TOPIC,
      scope,
      metadata: { rootCauseRef: group.rootRef, pipelineRefs: refs },
    },
  };
}
