import type { FoundRootCause } from '../rootCause/findRootCause';
import type { AlertRecord } from '../store/AlertStore';
import type { HealthPipeline } from '../store/PipelineStore';
import { planBadDataNotices } from './badDataNotices';
import {
  digestOf,
  Notice,
  NoticePlan,
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

function problemText(alert: AlertRecord): string {
  switch (alert.problem) {
    case 'failed':
      return `partition ${utc(alert.partitionStart)} failed`;
    case 'stale':
      return `no fresh output since ${utc(alert.partitionStart)}`;
    default:
      return `partition ${utc(alert.partitionStart)} is late`;
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
  pipelines: Map<string, Pick<HealthPipeline, 'title' | 'owner'>>,
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
    const text = `${title(alert.pipelineRef)}: ${problemText(alert)}`;
    const downstream = waiting.get(alert.pipelineRef) ?? 0;
    notices.push({
      scope,
      recipients: [recipient],
      alertIds: [alert.id],
      digest: digestOf([text, alert.severity, recipient]),
      payload: {
        title: text,
        description: [
          alert.problem === 'stale'
            ? 'The stream has reported no output within its SLA.'
            : `Partition ${utc(alert.partitionStart)} has not landed.`,
          downstream > 0
            ? `${downstream} downstream pipeline${
                downstream > 1 ? 's' : ''
              } wait for it.`
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
    const open = group.alerts.filter(a => a.state === 'open');
    if (open.length === 0) {
      held.add(scope);
      continue;
    }
    const refs = open.map(a => a.pipelineRef).sort();
    const chain: FoundRootCause | undefined = open[0].rootCause
      ? JSON.parse(open[0].rootCause)
      : undefined;
    const root = chain?.chain[chain.chain.length - 1];
    const text =
      refs.length === 1
        ? `Expected delay for ${title(refs[0])}, caused by ${title(
            group.rootRef,
          )}`
        : `Expected delay for ${refs.length} pipelines, caused by ${title(
            group.rootRef,
          )}`;
    const severity = worst(open.map(a => a.severity));
    notices.push({
      scope,
      recipients: [group.owner],
      alertIds: open.map(a => a.id),
      digest: digestOf([text, severity, group.owner, refs]),
      payload: {
        title: text,
        description: `${refs.map(title).join(', ')} wait${
          refs.length === 1 ? 's' : ''
        } for ${title(group.rootRef)}${
          root ? `, whose partition ${root.partition} is ${root.state}` : ''
        }. Its owners have the alert; nothing to do but wait.`,
        link: pipelineHealthLink(refs[0]),
        severity,
        topic: TOPIC,
        scope,
        metadata: { rootCauseRef: group.rootRef, pipelineRefs: refs },
      },
    });
  }
  return { notices, held };
}
