import type {
  DerivedPiiCertainty,
  PiiClassification,
  PiiFindingKind,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { DeclaredEntity } from './PiiCatalogStore';
import { isPersonal, NodePii, StoredStep, WHOLE_DATASET } from './propagatePii';

/** A finding as it is stored; `column` '' when only a dataset-level hop brings it. */
export type StoredFinding = {
  endpointRef: string;
  column: string;
  owner?: string;
  kind: PiiFindingKind;
  certainty: DerivedPiiCertainty;
  classification: PiiClassification;
  path: StoredStep[];
};

/**
 * Where an endpoint's declared marks miss personal data it receives: a
 * column declared `pii: none` that receives some (`declaredNone`), or a
 * column its schema does not mark at all (`undeclared`). Data that reaches
 * it only at dataset level makes a finding (without a column) only when the
 * endpoint declares no personal data anywhere: otherwise its owner has
 * marked what they know to be personal.
 */
export function findingsOf(
  entity: DeclaredEntity,
  pii: NodePii | undefined,
): StoredFinding[] {
  if (entity.kind !== 'dataendpoint' || !pii) return [];
  const base = {
    endpointRef: entity.entityRef,
    ...(entity.owner ? { owner: entity.owner } : {}),
  };
  const findings: StoredFinding[] = [];
  for (const [column, reaches] of pii) {
    const reach = reaches.derived;
    if (column === WHOLE_DATASET || !reach) continue;
    const mark = entity.columns.get(column);
    if (isPersonal(mark)) continue;
    findings.push({
      ...base,
      column,
      kind: mark === 'none' ? 'declaredNone' : 'undeclared',
      certainty: reach.certainty,
      classification: reach.classification,
      path: reach.path,
    });
  }
  const whole = pii.get(WHOLE_DATASET)?.mayContain;
  const declaresAny = [...entity.columns.values()].some(isPersonal);
  if (whole && !declaresAny && findings.length === 0) {
    findings.push({
      ...base,
      column: WHOLE_DATASET,
      kind: 'undeclared',
      certainty: whole.certainty,
      classification: whole.classification,
      path: whole.path,
    });
  }
  return findings;
}
