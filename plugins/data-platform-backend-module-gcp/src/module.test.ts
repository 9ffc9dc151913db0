import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  dataPlatformProvisioningExtensionPoint,
  dataPlatformQualityExtensionPoint,
  Provisioner,
  QualityRunner,
  QualityTable,
} from '@dataplatform/backstage-plugin-data-platform-node';
import { dataPlatformModuleGcp } from './module';
import { KEY } from './__testUtils__/platform';

/** Stands in for the data-platform backend: collects what modules add. */
function provisionersPlugin(
  added: Provisioner[],
  runners: QualityRunner[] = [],
) {
  return createBackendPlugin({
    pluginId: 'data-platform',
    register(env) {
      env.registerExtensionPoint(dataPlatformProvisioningExtensionPoint, {
        addProvisioner: provisioner => added.push(provisioner),
      });
      env.registerExtensionPoint(dataPlatformQualityExtensionPoint, {
        addRunner: runner => runners.push(runner),
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('dataPlatformModuleGcp', () => {
  it('adds the Google Cloud provisioner when dataPlatform.gcp is configured', async () => {
    const added: Provisioner[] = [];
    await startTestBackend({
      features: [
        provisionersPlugin(added),
        dataPlatformModuleGcp,
        mockServices.rootConfig.factory({
          data: {
            dataPlatform: {
              gcp: {
                projects: ['tunewave-raw', 'tunewave-events'],
                location: 'EU',
                policyTags: {
                  pseudonymize:
                    'projects/tunewave-governance/locations/eu/taxonomies/1/policyTags/11',
                },
                principalDomain: 'tunewave.example',
                delivery: { pseudonymizationKey: KEY },
              },
            },
          },
        }),
      ],
    });

    expect(added).toHaveLength(1);
    const [gcp] = added;
    expect(gcp).toMatchObject({ id: 'gcp', title: 'Google Cloud' });
    expect(gcp.resourceTypes).toContain('delivery');
    expect(gcp.capabilities.policyTags).toEqual({
      pseudonymize:
        'projects/tunewave-governance/locations/eu/taxonomies/1/policyTags/11',
    });
    expect(
      gcp.capabilities.access!.member({ ref: 'group:default/analysts' }),
    ).toBe('group:analysts@tunewave.example');
    expect(
      gcp.capabilities.access!.member({
        ref: 'user:default/ada',
        email: 'ada.lovelace@tunewave.example',
      }),
    ).toBe('user:ada.lovelace@tunewave.example');
    expect(gcp.handles!({ spec: { project: 'tunewave-raw' } } as any)).toBe(
      true,
    );
    expect(gcp.handles!({ spec: { project: 'elsewhere' } } as any)).toBe(false);
  });

  it('leaves deliveries out without a pseudonymization key', async () => {
    const added: Provisioner[] = [];
    await startTestBackend({
      features: [
        provisionersPlugin(added),
        dataPlatformModuleGcp,
        mockServices.rootConfig.factory({
          data: { dataPlatform: { gcp: {} } },
        }),
      ],
    });

    expect(added[0].resourceTypes).not.toContain('delivery');
    expect(added[0].capabilities.transformFingerprint).toBeUndefined();
  });

  it('adds the BigQuery quality runner for the configured projects', async () => {
    const runners: QualityRunner[] = [];
    await startTestBackend({
      features: [
        provisionersPlugin([], runners),
        dataPlatformModuleGcp,
        mockServices.rootConfig.factory({
          data: {
            dataPlatform: {
              gcp: {
                projects: ['tunewave-raw'],
                quality: { maximumBytesBilled: 5 * 1024 ** 3 },
              },
            },
          },
        }),
      ],
    });

    expect(runners).toHaveLength(1);
    const [bigQuery] = runners;
    expect(bigQuery).toMatchObject({
      id: 'bigquery',
      title: 'BigQuery',
      dialect: 'bigquery',
    });
    const table = (project: string): QualityTable => ({
      endpointRef: 'dataendpoint:default/track-played-raw',
      address: { project, dataset: 'events', table: 'track_played' },
      fields: [],
    });
    expect(bigQuery.handles(table('tunewave-raw'))).toBe(true);
    expect(bigQuery.handles(table('elsewhere'))).toBe(false);
  });

  it('adds nothing when Google Cloud is not configured', async () => {
    const added: Provisioner[] = [];
    const runners: QualityRunner[] = [];
    await startTestBackend({
      features: [
        provisionersPlugin(added, runners),
        dataPlatformModuleGcp,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });

    expect(added).toEqual([]);
    expect(runners).toEqual([]);
  });

  it('refuses a bytes cap under what BigQuery bills a query at least', async () => {
    await expect(
      startTestBackend({
        features: [
          provisionersPlugin([]),
          dataPlatformModuleGcp,
          mockServices.rootConfig.factory({
            data: {
              dataPlatform: {
                gcp: { quality: { maximumBytesBilled: 1000 } },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/maximumBytesBilled must be a whole number of bytes/);
  });

  it('refuses a pseudonymization key too short to keep tokens from being guessed', async () => {
    await expect(
      startTestBackend({
        features: [
          provisionersPlugin([]),
          dataPlatformModuleGcp,
          mockServices.rootConfig.factory({
            data: {
              dataPlatform: {
                gcp: { delivery: { pseudonymizationKey: 'short' } },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/pseudonymizationKey must have at least 16 characters/);
  });
});
