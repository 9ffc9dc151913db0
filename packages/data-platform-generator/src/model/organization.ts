import { Random } from '../random';
import { CLIENTS, DOMAINS, FIRST_NAMES, LAST_NAMES } from '../vocabulary';
import type {
  ComponentModel,
  DomainModel,
  SystemModel,
  TeamModel,
  TribeModel,
  UserModel,
} from './types';

/** The company's root group; tribes hang under it. */
export const ORGANIZATION_GROUP = 'tunewave';

const TEAMS_PER_TRIBE = 8;
const USERS_PER_TEAM = 3;
const TEAM_QUALIFIERS = [
  'core',
  'insights',
  'experience',
  'quality',
  'data',
  'infra',
  'ml',
  'growth',
];
/** Suffixes of each team's backend components (the producers of its event types). */
const SERVICE_SUFFIXES = ['service', 'worker'];

export interface Organization {
  domains: DomainModel[];
  tribes: TribeModel[];
  teams: TeamModel[];
  users: UserModel[];
  systems: SystemModel[];
  components: ComponentModel[];
  /** Client components (apps), which many event types share as producers. */
  clients: number[];
}

/** Gives each name once: repeats get `-2`, `-3`, ... */
export class UniqueNames {
  private readonly counts = new Map<string, number>();

  take(base: string): string {
    const count = (this.counts.get(base) ?? 0) + 1;
    this.counts.set(base, count);
    if (count === 1) return base;
    const name = `${base}-${count}`;
    // `playback-2` may itself be a base taken earlier; keep counting until free.
    return this.counts.has(name) ? this.take(base) : this.take(name);
  }
}

/**
 * Domains, tribes of about eight teams, teams named after what they work on
 * (`playback`, `playback-insights`, ...), three people per team, one system
 * per team, two backend services per team plus the client apps.
 */
export function buildOrganization(
  teamCount: number,
  random: Random,
): Organization {
  const domainCount = Math.min(
    DOMAINS.length,
    Math.max(3, Math.ceil(teamCount / 5)),
  );
  const domains: DomainModel[] = [];
  const tribes: TribeModel[] = [];
  const teams: TeamModel[] = [];
  const systems: SystemModel[] = [];
  const components: ComponentModel[] = [];
  const names = new UniqueNames();

  for (let d = 0; d < domainCount; d++) {
    const vocabulary = DOMAINS[d];
    domains.push({ name: vocabulary.name, title: vocabulary.title, tribe: -1 });
    // Teams go round-robin over domains, so domain d has these many.
    const domainTeams = Math.floor((teamCount - d - 1) / domainCount) + 1;
    const tribeCount = Math.max(1, Math.round(domainTeams / TEAMS_PER_TRIBE));
    const firstTribe = tribes.length;
    for (let t = 0; t < tribeCount; t++) {
      tribes.push({
        name: names.take(`${vocabulary.name}-tribe`),
        domain: d,
      });
    }
    domains[d].tribe = firstTribe;
    for (let i = 0; i < domainTeams; i++) {
      const area = vocabulary.areas[i % vocabulary.areas.length];
      const round = Math.floor(i / vocabulary.areas.length);
      const base =
        round === 0
          ? area
          : `${area}-${TEAM_QUALIFIERS[(round - 1) % TEAM_QUALIFIERS.length]}`;
      const team = teams.length;
      const name = names.take(base);
      systems.push({ name, domain: d, team });
      const services = SERVICE_SUFFIXES.map(suffix => {
        components.push({
          name: names.take(`${name}-${suffix}`),
          type: 'service',
          team,
          system: systems.length - 1,
        });
        return components.length - 1;
      });
      teams.push({
        name,
        tribe: firstTribe + (i % tribeCount),
        domain: d,
        system: systems.length - 1,
        services,
      });
    }
  }

  // Client apps belong to the client-platform team when there is one.
  const clientOwner = Math.max(
    0,
    teams.findIndex(t => t.name === 'client-platform'),
  );
  const clients = CLIENTS.slice(
    0,
    Math.max(3, Math.min(CLIENTS.length, teamCount)),
  ).map(client => {
    components.push({
      name: names.take(client.name),
      type: client.type,
      team: clientOwner,
      system: teams[clientOwner].system,
    });
    return components.length - 1;
  });

  const users: UserModel[] = [];
  teams.forEach((_team, team) => {
    for (let i = 0; i < USERS_PER_TEAM; i++) {
      const first = random.pick(FIRST_NAMES);
      const last = random.pick(LAST_NAMES);
      users.push({
        name: names.take(`${first}.${last}`),
        displayName: `${capitalise(first)} ${capitalise(last)}`,
        team,
      });
    }
  });

  return { domains, tribes, teams, users, systems, components, clients };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
