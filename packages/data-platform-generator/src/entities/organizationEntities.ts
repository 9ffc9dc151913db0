import type { Entity } from '@backstage/catalog-model';
import { ORGANIZATION_GROUP } from '../model/organization';
import type { Platform } from '../model/types';
import { titleOf } from './dataPlatformEntities';

const API_VERSION = 'backstage.io/v1alpha1';

/**
 * The stock-kind entities the data platform's refer to: the organisation,
 * tribes and teams (Groups), people (Users), Domains, Systems and the
 * Components that produce event types.
 */
export function* organizationEntities(platform: Platform): Generator<Entity> {
  const { namespace } = platform.options;
  const meta = (name: string, extra: object = {}) => ({
    name,
    ...(namespace === 'default' ? {} : { namespace }),
    ...extra,
  });

  yield {
    apiVersion: API_VERSION,
    kind: 'Group',
    metadata: meta(ORGANIZATION_GROUP, { title: 'Tunewave' }),
    spec: {
      type: 'organization',
      profile: { displayName: 'Tunewave' },
      children: platform.tribes.map(t => t.name),
    },
  };
  for (const [index, tribe] of platform.tribes.entries()) {
    yield {
      apiVersion: API_VERSION,
      kind: 'Group',
      metadata: meta(tribe.name, { title: titleOf(tribe.name) }),
      spec: {
        type: 'tribe',
        parent: ORGANIZATION_GROUP,
        children: platform.teams
          .filter(t => t.tribe === index)
          .map(t => t.name),
      },
    };
  }
  for (const team of platform.teams) {
    yield {
      apiVersion: API_VERSION,
      kind: 'Group',
      metadata: meta(team.name, {
        title: titleOf(team.name),
        description: `The ${titleOf(team.name)} squad of the ${
          platform.domains[team.domain].title
        } domain.`,
      }),
      spec: {
        type: 'team',
        parent: platform.tribes[team.tribe].name,
        profile: {
          displayName: titleOf(team.name),
          email: `${team.name}@tunewave.example`,
        },
        children: [],
      },
    };
  }
  for (const user of platform.users) {
    yield {
      apiVersion: API_VERSION,
      kind: 'User',
      metadata: meta(user.name),
      spec: {
        profile: {
          displayName: user.displayName,
          email: `${user.name}@tunewave.example`,
        },
        memberOf: [platform.teams[user.team].name],
      },
    };
  }
  for (const domain of platform.domains) {
    yield {
      apiVersion: API_VERSION,
      kind: 'Domain',
      metadata: meta(domain.name, { title: domain.title }),
      spec: { owner: platform.tribes[domain.tribe].name },
    };
  }
  for (const system of platform.systems) {
    yield {
      apiVersion: API_VERSION,
      kind: 'System',
      metadata: meta(system.name, { title: titleOf(system.name) }),
      spec: {
        owner: platform.teams[system.team].name,
        domain: platform.domains[system.domain].name,
      },
    };
  }
  for (const component of platform.components) {
    yield {
      apiVersion: API_VERSION,
      kind: 'Component',
      metadata: meta(component.name, { title: titleOf(component.name) }),
      spec: {
        type: component.type,
        lifecycle: 'production',
        owner: platform.teams[component.team].name,
        system: platform.systems[component.system].name,
      },
    };
  }
}
