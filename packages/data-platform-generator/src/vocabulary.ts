/**
 * Words of a music-streaming company ("Tunewave", as in the examples), so a
 * generated platform reads like a real one: teams named after what they do,
 * event types like `android-track-skipped`, tables like
 * `agg-artist-streams-by-country-daily`.
 */

/** How a subject's events are acted on, which decides the verbs it gets. */
export type SubjectCategory = 'media' | 'commerce' | 'ui' | 'lifecycle';

/** One business domain: its tribe, its teams' areas, and what its events are about. */
export interface DomainVocabulary {
  name: string;
  title: string;
  /** Team names; repeated with a suffix when a platform needs more teams. */
  areas: string[];
  /** Nouns of its event types, each with a category of verbs. */
  subjects: [string, SubjectCategory][];
  /** Nouns its derived datasets are keyed by. */
  entities: string[];
  /** What its datasets count or compute. */
  measures: string[];
}

export const DOMAINS: DomainVocabulary[] = [
  {
    name: 'listening',
    title: 'Listening',
    areas: [
      'playback',
      'offline',
      'audio-quality',
      'connect',
      'car',
      'voice',
      'lyrics',
      'queue',
      'radio',
    ],
    subjects: [
      ['track', 'media'],
      ['playback-session', 'lifecycle'],
      ['queue-item', 'lifecycle'],
      ['device-connection', 'lifecycle'],
      ['lyrics', 'ui'],
      ['radio-station', 'media'],
      ['download', 'lifecycle'],
    ],
    entities: ['track', 'user', 'device', 'session', 'artist', 'album'],
    measures: [
      'streams',
      'ms-played',
      'skips',
      'listeners',
      'sessions',
      'completion-rate',
    ],
  },
  {
    name: 'monetization',
    title: 'Monetization',
    areas: [
      'payments',
      'subscriptions',
      'checkout',
      'billing',
      'family-plan',
      'pricing',
      'fraud',
    ],
    subjects: [
      ['subscription', 'commerce'],
      ['payment', 'commerce'],
      ['invoice', 'commerce'],
      ['trial', 'commerce'],
      ['promo-code', 'ui'],
      ['checkout-session', 'lifecycle'],
      ['plan-change', 'commerce'],
    ],
    entities: ['subscription', 'user', 'market', 'plan', 'payment-method'],
    measures: [
      'revenue',
      'conversions',
      'churn',
      'renewals',
      'refunds',
      'arpu',
    ],
  },
  {
    name: 'advertising',
    title: 'Advertising',
    areas: [
      'ad-serving',
      'ad-targeting',
      'campaigns',
      'audiences',
      'ad-measurement',
      'sponsorships',
    ],
    subjects: [
      ['ad', 'ui'],
      ['ad-break', 'media'],
      ['campaign', 'lifecycle'],
      ['audience-segment', 'lifecycle'],
      ['sponsorship', 'commerce'],
      ['ad-request', 'ui'],
    ],
    entities: ['campaign', 'advertiser', 'ad', 'user', 'market'],
    measures: ['impressions', 'clicks', 'fill-rate', 'spend', 'reach', 'ctr'],
  },
  {
    name: 'personalization',
    title: 'Personalization',
    areas: [
      'recommendations',
      'home',
      'search',
      'discover-weekly',
      'daily-mix',
      'taste-profile',
      'ranking',
      'experimentation',
    ],
    subjects: [
      ['recommendation', 'ui'],
      ['search-query', 'ui'],
      ['home-shelf', 'ui'],
      ['taste-profile', 'lifecycle'],
      ['experiment-exposure', 'ui'],
      ['mix', 'media'],
    ],
    entities: ['user', 'track', 'shelf', 'experiment', 'query'],
    measures: [
      'engagement',
      'features',
      'embeddings',
      'scores',
      'exposures',
      'hit-rate',
    ],
  },
  {
    name: 'content',
    title: 'Content',
    areas: [
      'content-ingestion',
      'catalogue',
      'metadata',
      'rights',
      'royalties',
      'label-delivery',
      'audio-encoding',
    ],
    subjects: [
      ['track-delivery', 'lifecycle'],
      ['album-release', 'lifecycle'],
      ['artist-profile', 'lifecycle'],
      ['license', 'commerce'],
      ['royalty-statement', 'commerce'],
      ['audio-file', 'lifecycle'],
    ],
    entities: ['track', 'album', 'artist', 'label', 'license', 'territory'],
    measures: [
      'royalties',
      'deliveries',
      'takedowns',
      'streams',
      'availability',
      'payouts',
    ],
  },
  {
    name: 'podcasts',
    title: 'Podcasts',
    areas: [
      'podcast-ingestion',
      'episodes',
      'podcast-ads',
      'audiobooks',
      'video-podcasts',
    ],
    subjects: [
      ['episode', 'media'],
      ['show', 'lifecycle'],
      ['audiobook-chapter', 'media'],
      ['podcast-ad', 'ui'],
      ['video-clip', 'media'],
      ['transcript', 'lifecycle'],
    ],
    entities: ['episode', 'show', 'audiobook', 'creator', 'user'],
    measures: [
      'downloads',
      'listeners',
      'ms-played',
      'follows',
      'completion-rate',
      'ad-reads',
    ],
  },
  {
    name: 'social',
    title: 'Social',
    areas: ['playlists', 'sharing', 'follows', 'blend', 'jam', 'wrapped'],
    subjects: [
      ['playlist', 'lifecycle'],
      ['share-link', 'ui'],
      ['follow', 'lifecycle'],
      ['blend-session', 'lifecycle'],
      ['jam-session', 'lifecycle'],
      ['wrapped-card', 'ui'],
    ],
    entities: ['playlist', 'user', 'artist', 'share', 'friend'],
    measures: [
      'followers',
      'shares',
      'saves',
      'collaborators',
      'edits',
      'reach',
    ],
  },
  {
    name: 'creator',
    title: 'Creator',
    areas: ['artist-tools', 'canvas', 'concerts', 'merch', 'artist-insights'],
    subjects: [
      ['canvas-video', 'media'],
      ['concert-listing', 'ui'],
      ['merch-item', 'commerce'],
      ['artist-pick', 'lifecycle'],
      ['marquee-campaign', 'commerce'],
    ],
    entities: ['artist', 'concert', 'venue', 'merch-item', 'fan'],
    measures: [
      'fans',
      'ticket-clicks',
      'sales',
      'views',
      'streams',
      'conversions',
    ],
  },
  {
    name: 'growth',
    title: 'Growth',
    areas: [
      'onboarding',
      'notifications',
      'referrals',
      'messaging',
      'retention',
    ],
    subjects: [
      ['signup', 'commerce'],
      ['push-notification', 'ui'],
      ['email', 'ui'],
      ['in-app-message', 'ui'],
      ['referral', 'commerce'],
      ['login', 'lifecycle'],
    ],
    entities: ['user', 'cohort', 'message', 'channel', 'market'],
    measures: ['signups', 'activations', 'retention', 'opens', 'dau', 'mau'],
  },
  {
    name: 'platform',
    title: 'Platform',
    areas: [
      'event-delivery',
      'identity',
      'accounts',
      'client-platform',
      'privacy',
      'data-infrastructure',
    ],
    subjects: [
      ['user-account', 'lifecycle'],
      ['consent', 'lifecycle'],
      ['client-error', 'ui'],
      ['app-start', 'media'],
      ['network-request', 'ui'],
      ['gdpr-request', 'commerce'],
    ],
    entities: ['user', 'client', 'app-version', 'region', 'request'],
    measures: [
      'errors',
      'latency',
      'crashes',
      'requests',
      'deletions',
      'consents',
    ],
  },
];

/** Verbs per subject category, past tense as event names are. */
export const ACTIONS: Record<SubjectCategory, string[]> = {
  media: [
    'played',
    'skipped',
    'paused',
    'completed',
    'saved',
    'shared',
    'downloaded',
    'seeked',
  ],
  commerce: [
    'started',
    'renewed',
    'cancelled',
    'failed',
    'succeeded',
    'refunded',
    'upgraded',
  ],
  ui: [
    'viewed',
    'clicked',
    'impressed',
    'dismissed',
    'rendered',
    'opened',
    'requested',
  ],
  lifecycle: [
    'created',
    'updated',
    'deleted',
    'published',
    'started',
    'ended',
    'followed',
  ],
};

/** Clients that emit events; a qualifier of event type names and producing components. */
export const CLIENTS: { name: string; type: string }[] = [
  { name: 'ios-app', type: 'mobile-app' },
  { name: 'android-app', type: 'mobile-app' },
  { name: 'web-player', type: 'website' },
  { name: 'desktop-app', type: 'desktop-app' },
  { name: 'car-app', type: 'embedded-app' },
  { name: 'tv-app', type: 'embedded-app' },
  { name: 'smart-speaker', type: 'embedded-app' },
  { name: 'wearable-app', type: 'mobile-app' },
];

/** Most-read datasets, most popular first: every layer joins against them. */
export const HUBS: {
  name: string;
  domain: string;
  entity: string;
  grain: 'hourly' | 'daily';
}[] = [
  { name: 'plays', domain: 'listening', entity: 'track', grain: 'hourly' },
  { name: 'users', domain: 'platform', entity: 'user', grain: 'daily' },
  { name: 'tracks', domain: 'content', entity: 'track', grain: 'daily' },
  { name: 'artists', domain: 'content', entity: 'artist', grain: 'daily' },
  { name: 'playlists', domain: 'social', entity: 'playlist', grain: 'daily' },
  { name: 'albums', domain: 'content', entity: 'album', grain: 'daily' },
  { name: 'markets', domain: 'platform', entity: 'market', grain: 'daily' },
  { name: 'devices', domain: 'listening', entity: 'device', grain: 'hourly' },
  {
    name: 'subscriptions',
    domain: 'monetization',
    entity: 'subscription',
    grain: 'daily',
  },
  { name: 'episodes', domain: 'podcasts', entity: 'episode', grain: 'daily' },
];

/** Dimensions datasets are broken down by. */
export const DIMENSIONS = [
  'country',
  'device-type',
  'platform',
  'age-bucket',
  'product',
  'source',
  'label',
  'market',
  'hour-of-day',
  'genre',
];

/** Entity-name prefix and pipeline verb per transform layer (index 0 = layer 2). */
export const LAYERS: { prefix: string; verb: string; dataset: string }[] = [
  { prefix: 'clean', verb: 'clean', dataset: 'clean' },
  { prefix: 'enriched', verb: 'enrich', dataset: 'enriched' },
  { prefix: 'agg', verb: 'aggregate', dataset: 'agg' },
  { prefix: 'metrics', verb: 'compute', dataset: 'metrics' },
  { prefix: 'report', verb: 'report', dataset: 'reporting' },
  { prefix: 'kpi', verb: 'publish', dataset: 'kpi' },
  { prefix: 'export', verb: 'export', dataset: 'exports' },
];

export const FIRST_NAMES = [
  'alex',
  'maria',
  'johan',
  'sofia',
  'li',
  'amara',
  'noah',
  'elin',
  'diego',
  'priya',
  'oskar',
  'fatima',
  'kenji',
  'lucia',
  'emil',
  'zara',
  'mateo',
  'ingrid',
  'yusuf',
  'hanna',
  'omar',
  'freja',
  'chen',
  'isabel',
  'leo',
  'nadia',
  'viktor',
  'aisha',
  'felix',
  'mei',
];
export const LAST_NAMES = [
  'andersson',
  'garcia',
  'nguyen',
  'okafor',
  'lindqvist',
  'rossi',
  'kim',
  'silva',
  'berg',
  'patel',
  'novak',
  'haddad',
  'sato',
  'murphy',
  'johansson',
  'fischer',
  'kowalski',
  'mendes',
  'larsen',
  'ito',
];

/** Time zones some daily pipelines are scheduled in (all with whole-hour offsets). */
export const TIME_ZONES = [
  'Europe/Stockholm',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'America/Sao_Paulo',
  'Asia/Tokyo',
];
