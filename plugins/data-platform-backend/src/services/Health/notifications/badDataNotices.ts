import { parseEntityRef } from '@backstage/catalog-model';
import type {
  FailedQualityCheck,
  RootCause,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { severityBelow } from '../alerts/severity';
import { parseBadDataDetails } from '../badData/badDataDetails';
import type { AlertRecord } from '../store/AlertStore';
import {
  digestOf,
  endpointQualityLink,
  Notice,
  NoticePlan,
  pipelineHealthLink,
  TOPIC,
  utc,
  worst,
} from './notice';

const PREFIX = 'dataplatform:health:bad-data:';
/** Scope of the notice to the owner of a pipeline (or endpoint) writing bad data. */
const badDataScope = (subjectRef: string) => `${PREFIX}${subjectRef}`;
/** Scope of the one "expected bad data" notice per root cause and downstream owner. */
const expectedScope = (rootRef: string, owner: string) =>
  `${PREFIX}expected:${rootRef}:${owner}`;

/** Whether a notification scope is about bad data. */
export function isBadDataScope(scope: string): boolean {
  return scope.startsWith(PREFIX);
}

/** Checks listed in a notice at most. */
const LISTED = 5;

const nameOf = (ref: string) => parseEntityRef(ref).name;
const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

function checksOf(alerts: AlertRecord[]): FailedQualityCheck[] {
  const seen = new Map<string, FailedQualityCheck>();
  for (const alert of alerts) {
    for (const c of alert.details
      ? parseBadDataDetails(alert.details).checks
      : []) {
      seen.set(`${c.endpointRef}|${c.check}|${c.source}`, c);
    }
  }
  return [...seen.values()];
}

function checksInWords(checks: FailedQualityCheck[]): string {
  const listed = checks
    .slice(0, LISTED)
    .map(c => `${c.check} on ${nameOf(c.endpointRef)} (${c.message})`);
  const more = checks.length - listed.length;
  return `${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

const whereInWords = (alert: AlertRecord) =>
  alert.partitionStart === undefined
    ? 'the whole table'
    : `partition ${utc(alert.partitionStart)}`;

/**
 * Notices about bad data, routed like delays: the owner of a pipeline (or
 * endpoint) whose bad data is its own root cause gets one notice for all
 * its bad partitions, updated as partitions come and go; the owner of each
 * pipeline downstream of it (the alerts' readers, and pipelines whose own
 * bad data it caused) gets one "expected bad data" notice per root cause,
 * unless they own the root cause. Acknowledged and snoozed alerts hold
 * their owner's notice as it is.
 */
export function planBadDataNotices(
  alerts: AlertRecord[],
  subjects: Map<string, { title: string; owner?: string }>,
): NoticePlan {
  const notices: Notice[] = [];
  const held = new Set<string>();
  const title = (ref: string) => subjects.get(ref)?.title ?? ref;
  const owner = (ref: string) => subjects.get(ref)?.owner;

  const roots = new Map<string, AlertRecord[]>();
  const expected = new Map<
    string,
    {
      rootRef: string;
      owner: string;
      readers: Set<string>;
      roots: AlertRecord[];
      caused: AlertRecord[];
    }
  >();
  const groupOf = (rootRef: string, recipient: string) => {
    const scope = expectedScope(rootRef, recipient);
    const group = expected.get(scope) ?? {
      rootRef,
      owner: recipient,
      readers: new Set<string>(),
      roots: [],
      caused: [],
    };
    expected.set(scope, group);
    return group;
  };
  for (const alert of alerts) {
    if (alert.rootCauseRef) {
      const recipient = owner(alert.pipelineRef);
      if (!recipient || recipient === owner(alert.rootCauseRef)) continue;
      groupOf(alert.rootCauseRef, recipient).caused.push(alert);
      continue;
    }
    roots.set(alert.pipelineRef, [
      ...(roots.get(alert.pipelineRef) ?? []),
      alert,
    ]);
    const readers = alert.details
      ? parseBadDataDetails(alert.details).readers ?? []
      : [];
    for (const reader of readers) {
      const recipient = owner(reader);
      if (!recipient || recipient === owner(alert.pipelineRef)) continue;
      const group = groupOf(alert.pipelineRef, recipient);
      group.readers.add(reader);
      if (!group.roots.includes(alert)) group.roots.push(alert);
    }
  }

  for (const [subjectRef, mine] of roots) {
    const recipient = owner(subjectRef);
    if (!recipient) continue;
    const scope = badDataScope(subjectRef);
    const open = mine
      .filter(a => a.state === 'open')
      .sort((a, b) => (a.partitionStart ?? 0) - (b.partitionStart ?? 0));
    if (open.length === 0) {
      held.add(scope);
      continue;
    }
    const checks = checksOf(open);
    const readers = new Set(
      open.flatMap(a =>
        a.details ? parseBadDataDetails(a.details).readers ?? [] : [],
      ),
    );
    const text =
      open.length === 1
        ? `${title(subjectRef)}: bad data in ${whereInWords(open[0])}`
        : `${title(subjectRef)}: bad data in ${open.length} partitions`;
    const severity = worst(open.map(a => a.severity));
    notices.push({
      scope,
      recipients: [recipient],
      alertIds: open.map(a => a.id),
      digest: digestOf([
        text,
        severity,
        recipient,
        checks.map(c => `${c.endpointRef}|${c.check}`).sort(),
      ]),
      payload: {
        title: text,
        description: [
          `Critical checks fail: ${checksInWords(checks)}.`,
          readers.size > 0
            ? `${plural(readers.size, 'downstream pipeline')} read${
                readers.size === 1 ? 's' : ''
              } it.`
            : '',
        ]
          .filter(Boolean)
          .join(' '),
        link: checks.length
          ? endpointQualityLink(checks[0].endpointRef)
          : pipelineHealthLink(subjectRef),
        severity,
        topic: TOPIC,
        scope,
        metadata: {
          alertIds: open.map(a => a.id),
          pipelineRef: subjectRef,
          problem: 'bad_data',
        },
      },
    });
  }

  for (const [scope, group] of expected) {
    const caused = group.caused.filter(a => a.state === 'open');
    const refs = [
      ...new Set([...group.readers, ...caused.map(a => a.pipelineRef)]),
    ].sort();
    if (refs.length === 0) {
      held.add(scope);
      continue;
    }
    const checks = checksOf(group.roots);
    const chain: RootCause | undefined = caused[0]?.rootCause
      ? JSON.parse(caused[0].rootCause)
      : undefined;
    const root = chain?.chain[chain.chain.length - 1];
    const rootTitle = title(group.rootRef);
    const text =
      refs.length === 1
        ? `Expected bad data in ${title(refs[0])}, caused by ${rootTitle}`
        : `Expected bad data in ${refs.length} pipelines, caused by ${rootTitle}`;
    const why = checks.length
      ? `whose critical checks fail: ${checksInWords(checks)}`
      : `whose partition ${root?.partition ?? '?'} is ${root?.state ?? 'bad'}`;
    const severity = worst([
      ...caused.map(a => a.severity),
      ...group.roots.map(a => severityBelow(a.severity)),
    ]);
    notices.push({
      scope,
      recipients: [group.owner],
      alertIds: caused.map(a => a.id),
      digest: digestOf([text, severity, group.owner, refs]),
      payload: {
        title: text,
        description: `${refs.map(title).join(', ')} read${
          refs.length === 1 ? 's' : ''
        } data from ${rootTitle}, ${why}. Its owners have the alert; expect bad data downstream until they fix it and rerun.`,
        link: checks.length
          ? endpointQualityLink(checks[0].endpointRef)
          : pipelineHealthLink(refs[0]),
        severity,
        topic: TOPIC,
        scope,
        metadata: { rootCauseRef: group.rootRef, pipelineRefs: refs },
      },
    });
  }
  return { notices, held };
}
