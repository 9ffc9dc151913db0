import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModule } from './module';

describe('scaffolderModule', () => {
  it('adds every action of the templates to the scaffolder', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          { addActions: (...added: any[]) => actions.push(...added) },
        ],
      ],
      features: [
        scaffolderModule,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    expect(actions.map(a => a.id)).toEqual([
      'dataplatform:eventType:validate',
      'dataplatform:eventType:render',
      'dataplatform:publish:local',
      'dataplatform:eventType:register',
      'dataplatform:provisioning:apply',
    ]);
    expect(
      actions.find(a => a.id === 'dataplatform:provisioning:apply')
        ?.supportsDryRun,
    ).toBe(true);
  });
});
