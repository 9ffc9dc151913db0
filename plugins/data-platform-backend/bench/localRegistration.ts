/*
 * A newly registered event type provisioned on the local warehouse (the
 * embedded default: its provisioner over a SQLite file), through an engine
 * of its own whose store is a throwaway SQLite database: the dry run the
 * Register template prints, then the apply, timed together.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  LocalWarehouse,
  LocalWarehouseProvisioner,
} from '@dataplatform/backstage-plugin-data-platform-backend-module-local-warehouse';
import knexFactory from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProvisionerRegistry } from '../src/services/Provisioning/ProvisionerRegistry';
import {
  ProvisioningEngine,
  ProvisioningSettings,
} from '../src/services/Provisioning/ProvisioningEngine';
import { ProvisioningStore } from '../src/services/Provisioning/ProvisioningStore';
import { sqliteBenchDatabase } from './benchSupport';
import type { BenchProvisioningCatalog } from './provisioningCatalog';

export async function registerOnLocalWarehouse(
  catalog: BenchProvisioningCatalog,
  registered: Entity[],
  options: {
    eventTypeRef: string;
    settings: ProvisioningSettings;
    logger: LoggerService;
  },
): Promise<{
  ms: number;
  applied: number;
  states: { id: string; state: string }[];
}> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-bench-warehouse-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'warehouse.sqlite') },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
  const store = await sqliteBenchDatabase('provisioning-local');
  try {
    const warehouse = await LocalWarehouse.create({ knex });
    const registry = new ProvisionerRegistry();
    registry.addProvisioner(
      new LocalWarehouseProvisioner({
        warehouse,
        pseudonymizationKey: 'bench-pseudonymization-key-0001',
      }),
    );
    registry.seal();
    const engine = new ProvisioningEngine({
      store: new ProvisioningStore(store.db),
      registry,
      catalog,
      logger: options.logger,
      settings: options.settings,
    });
    const started = Date.now();
    await engine.planDraft(registered);
    const applies = await engine.applyEntity(options.eventTypeRef, {
      actor: 'user:default/bench',
      trigger: 'scaffolder',
    });
    const ms = Date.now() - started;
    const after = await engine.refreshEntity(options.eventTypeRef);
    return {
      ms,
      applied: applies?.filter(a => a.status === 'applied').length ?? 0,
      states: (after?.resources ?? []).map(r => ({ id: r.id, state: r.state })),
    };
  } finally {
    await knex.destroy();
    await store.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
