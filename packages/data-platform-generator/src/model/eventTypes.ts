import { Random } from '../random';
import { ACTIONS, DOMAINS } from '../vocabulary';
import { Organization, UniqueNames } from './organization';
import type { EventTypeModel } from './types';

/** Most event types are on their first revision or two. */
const REVISIONS = { 1: 50, 2: 25, 3: 15, 4: 7, 5: 3 };

interface Candidate {
  domain: number;
  subject: string;
  action: string;
  category: string;
  client?: number;
}

/** `ios-app` -> `ios`, `smart-speaker` -> `speaker`: the prefix of client-qualified event names. */
function clientPrefix(client: string): string {
  return client
    .replace(/-app$/, '')
    .replace(/^smart-/, '')
    .replace(/-player$/, '');
}

/**
 * Event type names: first `<subject>-<action>` (`track-played`), then
 * client-specific ones (`android-track-played`) when a platform needs more,
 * then revisions (`track-played-v2`). Each is owned by a team of its domain
 * and produced by that team's service, and media and UI events also by apps.
 */
export function buildEventTypes(
  count: number,
  organization: Organization,
  random: Random,
): Omit<EventTypeModel, 'topic' | 'rawTable'>[] {
  // The most telling events first (`track-played` before `track-seeked`),
  // domain by domain, so even a small platform has the familiar ones.
  const perDomain = organization.domains.map((_domain, d) => {
    const list: Candidate[] = [];
    const { subjects } = DOMAINS[d];
    const longest = Math.max(...subjects.map(([, c]) => ACTIONS[c].length));
    for (let a = 0; a < longest; a++) {
      for (const [subject, category] of subjects) {
        const action = ACTIONS[category][a];
        if (action) list.push({ domain: d, subject, action, category });
      }
    }
    return list;
  });
  const base: Candidate[] = [];
  for (let i = 0; base.length < perDomain.flat().length; i++) {
    for (const list of perDomain) if (list[i]) base.push(list[i]);
  }
  const candidates = [...base];
  const qualified = random.shuffled(
    base.flatMap(candidate =>
      organization.clients.map(client => ({ ...candidate, client })),
    ),
  );
  candidates.push(...qualified);

  const teamsByDomain = organization.domains.map((_d, domain) =>
    organization.teams.flatMap((team, index) =>
      team.domain === domain ? [index] : [],
    ),
  );

  const eventTypes: Omit<EventTypeModel, 'topic' | 'rawTable'>[] = [];
  const names = new UniqueNames();
  for (let i = 0; i < count; i++) {
    const candidate = candidates[i % candidates.length];
    const version = Math.floor(i / candidates.length) + 1;
    const clientName =
      candidate.client === undefined
        ? undefined
        : organization.components[candidate.client].name;
    const name = names.take(
      [
        clientName ? clientPrefix(clientName) : undefined,
        candidate.subject,
        candidate.action,
        version > 1 ? `v${version}` : undefined,
      ]
        .filter(Boolean)
        .join('-'),
    );
    const team = random.pick(teamsByDomain[candidate.domain]);
    const producers = [random.pick(organization.teams[team].services)];
    if (candidate.client !== undefined) {
      producers.push(candidate.client);
    } else if (
      (candidate.category === 'media' || candidate.category === 'ui') &&
      random.chance(0.6)
    ) {
      const apps = random.shuffled(organization.clients);
      producers.push(...apps.slice(0, random.int(1, Math.min(4, apps.length))));
    }
    eventTypes.push({
      name,
      subject: candidate.subject,
      action: candidate.action,
      client: clientName,
      team,
      domain: candidate.domain,
      producers,
      partitioning: random.chance(0.85) ? 'HOUR' : 'DAY',
      retentionDays: random.pick([30, 90, 90, 90, 365, 730]),
      revision: Number(random.weighted(REVISIONS)),
    });
  }
  return eventTypes;
}
