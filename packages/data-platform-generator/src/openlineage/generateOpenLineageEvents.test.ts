import {
  DataEndpointEntity,
  PipelineEntity,
  openLineageDatasetName,
  openLineageJobName,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { generatePlatformEntities } from '../entities/generatePlatformEntities';
import { buildPlatform } from '../model/buildPlatform';
import { pipelineJobName } from '../model/identities';
import {
  generateOpenLineageEvents,
  openLineageCatalogGaps,
} from './generateOpenLineageEvents';
import type { OpenLineageRunEvent } from './runEvents';
import { createOpenLineageValidator } from './validator';

const END = '2025-03-30T02:00:00Z';
const key = (d: { namespace: string; name: string }) =>
  `${d.namespace}/${d.name}`;

describe('generateOpenLineageEvents', () => {
  const platform = buildPlatform({ preset: 'small' });
  // Four boundaries, one of them midnight for the daily pipelines.
  const options = { end: END, hours: 4, failureRate: 0.05 };
  const events = [...generateOpenLineageEvents(platform, options)];
  const validator = createOpenLineageValidator();

  it('is deterministic for a seed and options', () => {
    const again = [...generateOpenLineageEvents(platform, options)];
    expect(again.length).toBe(events.length);
    expect(JSON.stringify(again)).toBe(JSON.stringify(events));
  });

  it('yields events valid against OpenLineage.json and every facet schema', () => {
    const problems = events.flatMap(event =>
      validator
        .validate(event)
        .map(p => `${event.job.name} ${event.eventType}: ${p}`),
    );
    expect(events.length).toBeGreaterThan(400);
    expect(problems).toEqual([]);
  });

  it('has a validator that catches a broken facet and a broken event', () => {
    const event = JSON.parse(
      JSON.stringify(events.find(e => e.run.facets?.nominalTime)),
    ) as any;
    delete event.run.facets.nominalTime.nominalStartTime;
    event.run.runId = 'not-a-uuid';
    const problems = validator.validate(event);
    expect(problems.join('\n')).toMatch(
      /run\.facets\.nominalTime: must have required property 'nominalStartTime'/,
    );
    expect(problems.join('\n')).toMatch(/runId: must match format "uuid"/);
  });

  it('sends START then COMPLETE or FAIL per batch run, with the partition as nominal time', () => {
    const byRun = new Map<string, OpenLineageRunEvent[]>();
    for (const event of events) {
      byRun.set(event.run.runId, [
        ...(byRun.get(event.run.runId) ?? []),
        event,
      ]);
    }
    let batchRuns = 0;
    for (const runEvents of byRun.values()) {
      if (runEvents.some(e => e.eventType === 'RUNNING')) continue;
      batchRuns++;
      expect(runEvents.map(e => e.eventType)).toEqual([
        'START',
        expect.stringMatching(/^(COMPLETE|FAIL)$/),
      ]);
      expect(runEvents[0].eventTime <= runEvents[1].eventTime).toBe(true);
    }
    expect(batchRuns).toBeGreaterThan(150);
    const nominal = events.find(e => e.job.name.includes('_hourly.'))!.run
      .facets!.nominalTime as any;
    expect(
      Date.parse(nominal.nominalEndTime) - Date.parse(nominal.nominalStartTime),
    ).toBe(3_600_000);
  });

  it('does not start a run whose upstream failed for the same boundary', () => {
    const pipelineByJob = new Map(
      platform.pipelines.map((_p, i) => [key(pipelineJobName(platform, i)), i]),
    );
    const started = new Set(
      events
        .filter(e => e.eventType === 'START' && e.run.facets?.nominalTime)
        .map(
          e =>
            `${key(e.job)}@${
              (e.run.facets!.nominalTime as any).nominalEndTime
            }`,
        ),
    );
    const blocked = events
      .filter(e => e.eventType === 'FAIL')
      .flatMap(fail => {
        const failed = pipelineByJob.get(key(fail.job))!;
        const boundary = (fail.run.facets!.nominalTime as any).nominalEndTime;
        return platform.pipelines.flatMap((downstream, d) =>
          downstream.schedule === platform.pipelines[failed].schedule &&
          downstream.inputs.some(i => platform.endpoints[i].writer === failed)
            ? [`${key(pipelineJobName(platform, d))}@${boundary}`]
            : [],
        );
      });
    expect(blocked.length).toBeGreaterThan(0);
    expect(blocked.filter(run => started.has(run))).toEqual([]);
  });

  it('carries parent, errorMessage, schema and column-lineage facets on some events', () => {
    const fails = events.filter(e => e.eventType === 'FAIL');
    expect(fails.length).toBeGreaterThan(0);
    expect(fails.some(e => e.run.facets?.errorMessage)).toBe(true);
    expect(events.some(e => e.run.facets?.parent)).toBe(true);
    const completes = events.filter(e => e.eventType === 'COMPLETE');
    expect(completes.every(e => e.outputs.some(o => o.facets?.schema))).toBe(
      true,
    );
    expect(
      completes.some(e => e.outputs.some(o => o.facets?.columnLineage)),
    ).toBe(true);
  });

  it('names datasets and jobs as the catalog entities map them, plus unregistered ones', () => {
    const registeredDatasets = new Set<string>();
    const registeredJobs = new Set<string>();
    for (const entity of generatePlatformEntities(platform)) {
      if (entity.kind === 'DataEndpoint') {
        registeredDatasets.add(
          key(openLineageDatasetName(entity as DataEndpointEntity)),
        );
      } else if (entity.kind === 'Pipeline') {
        registeredJobs.add(
          key(openLineageJobName(entity as PipelineEntity, 'unused')),
        );
      }
    }
    const gaps = openLineageCatalogGaps(platform);
    const unregisteredDatasets = new Set([
      ...gaps.adhocJobs.map(j => key(j.output)),
      ...[...gaps.extraOutputs.values()].map(key),
    ]);
    const unregisteredJobs = new Set(gaps.adhocJobs.map(j => key(j.job)));
    expect(unregisteredDatasets.size).toBeGreaterThan(0);

    const jobs = new Set(events.map(e => key(e.job)));
    const datasets = new Set(
      events.flatMap(e => [...e.inputs, ...e.outputs].map(key)),
    );
    const unknownJobs = [...jobs].filter(
      job => !registeredJobs.has(job) && !unregisteredJobs.has(job),
    );
    const seenUnregistered = [...datasets].filter(
      name => !registeredDatasets.has(name),
    );
    expect(unknownJobs).toEqual([]);
    expect(new Set(seenUnregistered)).toEqual(unregisteredDatasets);
    expect([...jobs].filter(job => unregisteredJobs.has(job))).not.toEqual([]);
  });

  it('bursts START and COMPLETE/FAIL of every batch pipeline within one minute', () => {
    const burst = [
      ...generateOpenLineageEvents(platform, { end: END, mode: 'burst' }),
    ];
    const batch = platform.pipelines.filter(
      p => p.schedule !== 'streaming',
    ).length;
    expect(burst).toHaveLength(2 * batch);
    const times = burst.map(e => Date.parse(e.eventTime));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse(END));
    expect(Math.max(...times)).toBeLessThan(Date.parse(END) + 60_000);
    for (let i = 1; i < times.length; i++)
      expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
  });

  it('leaves out events after `until`, so runs are in flight', () => {
    const until = Date.parse(END) + 10 * 60_000;
    const cut = [...generateOpenLineageEvents(platform, { ...options, until })];
    expect(cut.length).toBeLessThan(events.length);
    expect(cut.every(e => Date.parse(e.eventTime) <= until)).toBe(true);
  });
});
