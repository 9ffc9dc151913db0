import type { AlertRecord } from '../store/AlertStore';
import { DesiredAlert, planAlerts } from './planAlerts';
import { severityOf } from './severity';

const NOW = Date.parse('2026-11-26T12:30:00Z');
const MIN = 60_000;
const ref = 'pipeline:default/plays-hourly-clean';

const desired = (overrides: Partial<DesiredAlert> = {}): DesiredAlert => ({
  pipelineRef: ref,
  problem: 'late',
  partitionStart: 100,
  severity: 'high',
  ...overrides,
});
const stored = (overrides: Partial<AlertRecord> = {}): AlertRecord => ({
  id: 'a1',
  pipelineRef: ref,
  problem: 'late',
  partitionStart: 100,
  severity: 'high',
  state: 'open',
  openedAt: NOW - 60 * MIN,
  ...overrides,
});
const plan = (
  d: DesiredAlert[],
  live: AlertRecord[],
  recentlyResolved: AlertRecord[] = [],
) =>
  planAlerts({
    desired: d,
    live,
    recentlyResolved,
    now: NOW,
    reopenWithinMs: 60 * MIN,
  });

describe('planAlerts', () => {
  it('opens one alert for a new problem', () => {
    expect(plan([desired()], [])).toEqual([
      {
        kind: 'open',
        alert: desired(),
        event: { action: 'opened', by: 'system', at: NOW },
      },
    ]);
  });

  it('does nothing while the problem and its alert stay as they are', () => {
    expect(plan([desired()], [stored()])).toEqual([]);
  });

  it('escalates in place and records it', () => {
    const [action] = plan([desired({ severity: 'critical' })], [stored()]);
    expect(action).toMatchObject({
      kind: 'change',
      id: 'a1',
      expected: ['open'],
      change: { severity: 'critical' },
      events: [{ action: 'escalated', note: 'high -> critical' }],
    });
  });

  it('resolves an alert whose problem is gone, whatever state it is in', () => {
    const [action] = plan([], [stored({ state: 'acknowledged' })]);
    expect(action).toMatchObject({
      kind: 'change',
      change: { state: 'resolved', resolvedBy: 'system', resolvedAt: NOW },
      events: [{ action: 'resolved', by: 'system' }],
    });
  });

  it('wakes a snoozed alert when the snooze ran out, not before', () => {
    expect(
      plan(
        [desired()],
        [stored({ state: 'snoozed', snoozedUntil: NOW + MIN })],
      ),
    ).toEqual([]);
    const [action] = plan(
      [desired()],
      [stored({ state: 'snoozed', snoozedUntil: NOW - MIN })],
    );
    expect(action).toMatchObject({
      change: { state: 'open', snoozedUntil: null },
      events: [{ action: 'unsnoozed' }],
    });
  });

  it('reopens an alert the system resolved moments ago instead of opening another', () => {
    const resolved = stored({
      state: 'resolved',
      resolvedBy: 'system',
      resolvedAt: NOW - 5 * MIN,
    });
    const [action] = plan([desired({ partitionStart: 200 })], [], [resolved]);
    expect(action).toMatchObject({
      kind: 'change',
      id: 'a1',
      expected: ['resolved'],
      change: { state: 'open', partitionStart: 200 },
    });
  });

  it('reopens what a user resolved while its partition is still late', () => {
    const resolved = stored({
      state: 'resolved',
      resolvedBy: 'user:default/olivia',
      resolvedAt: NOW - 5 * MIN,
    });
    expect(plan([desired()], [], [resolved])).toEqual([
      expect.objectContaining({
        kind: 'change',
        id: 'a1',
        expected: ['resolved'],
        change: expect.objectContaining({ state: 'open', resolvedBy: null }),
        events: [
          {
            action: 'reopened',
            by: 'system',
            at: NOW,
            note: 'resolved while the problem still held',
          },
        ],
      }),
    ]);
    expect(
      plan([desired({ partitionStart: 200 })], [], [resolved])[0],
    ).toMatchObject({ kind: 'open' });
  });

  it('tracks root-cause changes without history noise', () => {
    const [action] = plan(
      [
        desired({
          rootCause: '{"chain":[]}',
          rootCauseRef: 'pipeline:default/up',
        }),
      ],
      [stored()],
    );
    expect(action).toMatchObject({
      change: {
        rootCause: '{"chain":[]}',
        rootCauseRef: 'pipeline:default/up',
      },
      events: [],
    });
  });
});

describe('severityOf', () => {
  const base = { escalateAfterMs: 2 * 60 * MIN, causedUpstream: false };
  it('starts from the lifecycle and rises with lateness', () => {
    expect(severityOf({ ...base, lifecycle: 'production', overdueMs: 0 })).toBe(
      'high',
    );
    expect(
      severityOf({ ...base, lifecycle: 'production', overdueMs: 3 * 60 * MIN }),
    ).toBe('critical');
    expect(
      severityOf({ ...base, lifecycle: 'experimental', overdueMs: 0 }),
    ).toBe('low');
    expect(severityOf({ ...base, lifecycle: 'staging', overdueMs: 0 })).toBe(
      'normal',
    );
  });
  it('is one level lower for an expected delay caused upstream', () => {
    expect(
      severityOf({
        ...base,
        lifecycle: 'production',
        overdueMs: 3 * 60 * MIN,
        causedUpstream: true,
      }),
    ).toBe('high');
    expect(
      severityOf({
        ...base,
        lifecycle: 'experimental',
        overdueMs: 0,
        causedUpstream: true,
      }),
    ).toBe('low');
  });
});
