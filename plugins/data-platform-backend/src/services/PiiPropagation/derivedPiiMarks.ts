import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DerivedPiiMarks,
  PII_CLASSIFICATIONS,
  ProvisioningCatalog,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { chunk } from '../../database/chunk';
import type { ProvisioningCatalogSource } from '../Provisioning/ProvisioningCatalogReader';

// PII_CLASSIFICATIONS lists them weakest first.
const rank = (c: string) => PII_CLASSIFICATIONS.indexOf(c as any);

/** Endpoint ref -> its columns' derived personal data. */
export type DerivedPiiLookup = (
  endpointRefs: string[],
) => Promise<Map<string, DerivedPiiMarks>>;

/**
 * The personal data that reaches endpoints' columns along column lineage
 * (certainty `derived`; "may contain" says nothing about a column).
 */
export function derivedPiiLookup(db: Knex): DerivedPiiLookup {
  return async refs => {
    const marks = new Map<string, DerivedPiiMarks>();
    for (const batch of chunk([...new Set(refs)], 500)) {
      const rows = await db('pii_columns as p')
        .join('lineage_nodes as n', 'n.id', 'p.node_id')
        .whereIn('n.entity_ref', batch)
        .where('p.certainty', 'derived')
        .select('n.entity_ref', 'p.column', 'p.classification');
      for (const row of rows) {
        const of = marks.get(row.entity_ref) ?? {};
        const held = of[row.column];
        if (!held || rank(row.classification) > rank(held)) {
          of[row.column] = row.classification;
        }
        marks.set(row.entity_ref, of);
      }
    }
    return marks;
  };
}

/**
 * A provisioning catalog source whose catalogs also say what personal data
 * reaches each endpoint's columns, so that derived PII columns get policy
 * tags too.
 */
export function withDerivedPii(
  source: ProvisioningCatalogSource,
  lookup: DerivedPiiLookup,
): ProvisioningCatalogSource {
  const attach = async (
    catalog: ProvisioningCatalog,
  ): Promise<ProvisioningCatalog> => {
    const marks = await lookup(
      catalog.endpoints.map(e => stringifyEntityRef(e)),
    );
    return { ...catalog, derivedPii: ref => marks.get(ref) };
  };
  return {
    readAll: async () => attach(await source.readAll()),
    readAround: async ref => {
      const catalog = await source.readAround(ref);
      return catalog && attach(catalog);
    },
  };
}
