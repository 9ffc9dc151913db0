/*
 * Column lineage queries (GET /lineage/columns' walk): a column's upstream
 * and downstream columns to a depth, on the generator's platform with column
 * lineage on every batch pipeline, on PostgreSQL (a throwaway database on
 * 127.0.0.1:5432) and on SQLite (a temporary file). Our walk asks one query
 * per hop for the whole frontier (in batches of 400 columns); the baseline,
 * timed in the same run on the same database, is the obvious walk that asks
 * one query per column it reaches (what this module did before). Both stop
 * at the same number of edges per side and find the same edges.
 *
 *   yarn bench:lineage:columns [--preset large|medium|small|spotify]
 *                              [--queries 200] [--depth 3]
 *                              [--max-edges 2000] [--only postgresql|sqlite]
 *
 * Start columns: the five columns with the most downstream edges (hub
 * datasets' columns, read by every pipeline that reads the hub) and random
 * columns that have column lineage.
 */
import {
  buildPlatform,
  generateOpenLineageEvents,
  PresetName,
  Random,
} from '@dataplatform/data-platform-generator';
import { DatabaseLineageStore } from '../src/services/LineageIndex/DatabaseLineageStore';
import { ColumnLineageQueries } from '../src/services/LineageIndex/ColumnLineageQueries';
import { publicNodeId } from '../src/services/LineageIndex/nodeIds';
import type { NodeRow } from '../src/services/LineageIndex/types';
import { ObservedLineageHandler } from '../src/services/OpenLineage/ObservedLineageHandler';
import { OpenLineageIngestor } from '../src/services/OpenLineage/OpenLineageIngestor';
import { OpenLineageValidator } from '../src/services/OpenLineage/OpenLineageValidator';
import {
  flag,
  onEachBenchDatabase,
  percentiles,
  printTable,
} from './benchSupport';
import { PerColumnWalk } from './perColumnWalk';

const END = Date.parse('2026-11-26T10:00:00Z');

async function main() {
  const preset = flag('preset', 'large') as PresetName;
  const queries = Number(flag('queries', '200'));
  const depth = Number(flag('depth', '3'));
  const maxEdges = Number(flag('max-edges', '2000'));
  const only = flag('only', '');

  let t = Date.now();
  const platform = buildPlatform({ preset });
  const events = [
    ...generateOpenLineageEvents(platform, {
      end: END,
      mode: 'burst',
      columnLineageRate: 1,
    }),
  ];
  console.log(
    `preset ${preset}: ${platform.pipelines.length} pipelines, ${
      events.length
    } events with column lineage on every batch pipeline; generated in ${
      Date.now() - t
    } ms`,
  );
  const validator = OpenLineageValidator.fromPackage();

  const rows: string[][] = [];
  await onEachBenchDatabase('columns', only, async database => {
    const { db } = database;
    t = Date.now();
    const ingestor = new OpenLineageIngestor({
      db,
      validator,
      handlers: [new ObservedLineageHandler(new DatabaseLineageStore(db))],
    });
    for (let i = 0; i < events.length; i += 1000) {
      await ingestor.ingest(events.slice(i, i + 1000));
    }
    if (database.name === 'PostgreSQL') await db.raw('VACUUM ANALYZE');
    else await db.raw('ANALYZE');
    const [{ count }] = await db('lineage_column_edges').count({
      count: '*',
    });
    console.log(
      `${database.name}: ${count} column edges ingested in ${
        Date.now() - t
      } ms`,
    );

    // Starts: the five columns feeding the most columns, and random ones.
    const hubs: { id: number; column: string }[] = await db(
      'lineage_column_edges',
    )
      .select({ id: 'from_id', column: 'from_column' })
      .groupBy('from_id', 'from_column')
      .orderByRaw('count(*) desc')
      .limit(5);
    const all: { id: number; column: string }[] = await db(
      'lineage_column_edges',
    )
      .select({ id: 'to_id', column: 'to_column' })
      .orderBy(['to_id', 'to_column'])
      .distinct();
    const random = new Random(11);
    const starts = [
      ...hubs,
      ...Array.from({ length: queries - hubs.length }, () => random.pick(all)),
    ];
    const nodes: NodeRow[] = await db('lineage_nodes').whereIn('id', [
      ...new Set(starts.map(s => s.id)),
    ]);
    const publicId = new Map(nodes.map(n => [n.id, publicNodeId(n)]));

    // The edges each walk finds from a start, both sides.
    const walk = (start: (typeof starts)[number]) => ({
      node: publicId.get(start.id)!,
      column: start.column,
      depth,
      maxEdges,
    });
    const lineage = new ColumnLineageQueries(db);
    const baseline = new PerColumnWalk(db);
    const ours = async (start: (typeof starts)[number]) => {
      const answer = await lineage.columns(walk(start));
      return answer.upstream.length + answer.downstream.length;
    };
    const theirs = (start: (typeof starts)[number]) =>
      baseline.edges(walk(start));
    // Warm-up, not timed.
    for (const start of starts.slice(0, 20)) {
      await ours(start);
      await theirs(start);
    }
    // Queries are counted over the timed walks only.
    baseline.queries = 0;
    const times = { ours: [] as number[], theirs: [] as number[] };
    let edges = 0;
    let hubEdges = 0;
    for (const [i, start] of starts.entries()) {
      // Alternate which goes first, so neither always runs on a warmer cache.
      const sides =
        i % 2 === 0
          ? (['ours', 'theirs'] as const)
          : (['theirs', 'ours'] as const);
      const found: Record<string, number> = {};
      for (const side of sides) {
        const began = performance.now();
        found[side] = await (side === 'ours' ? ours : theirs)(start);
        times[side].push(performance.now() - began);
      }
      if (found.ours !== found.theirs) {
        throw new Error(
          `${publicId.get(start.id)}.${start.column}: ours found ${
            found.ours
          } edges, the baseline ${found.theirs}`,
        );
      }
      edges += found.ours;
      if (i < hubs.length) hubEdges += found.ours;
    }
    console.log(
      `  mean edges per answer ${(edges / starts.length).toFixed(
        0,
      )} (hub columns ${(hubEdges / hubs.length).toFixed(
        0,
      )}); the baseline asked ${(baseline.queries / starts.length).toFixed(
        0,
      )} edge queries per answer`,
    );
    const stat = (label: string, list: number[]) => ({
      label,
      ...percentiles(list),
      hubs:
        list.slice(0, hubs.length).reduce((sum, ms) => sum + ms, 0) /
        hubs.length,
    });
    const a = stat('ours: one query per hop', times.ours);
    const b = stat('baseline: one query per column', times.theirs);
    for (const s of [a, b]) {
      rows.push([
        database.name,
        s.label,
        `${s.p50.toFixed(2)} ms`,
        `${s.p95.toFixed(2)} ms`,
        `${s.max.toFixed(1)} ms`,
        `${s.hubs.toFixed(1)} ms`,
      ]);
    }
    rows.push([
      database.name,
      'ratio (baseline / ours)',
      `${(b.p50 / a.p50).toFixed(1)}x`,
      `${(b.p95 / a.p95).toFixed(1)}x`,
      `${(b.max / a.max).toFixed(1)}x`,
      `${(b.hubs / a.hubs).toFixed(1)}x`,
    ]);
  });

  console.log(
    `\n${queries} column queries, depth ${depth} up+down, at most ${maxEdges} edges a side`,
  );
  printTable(['database', 'walk', 'p50', 'p95', 'max', 'hub columns'], rows);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
