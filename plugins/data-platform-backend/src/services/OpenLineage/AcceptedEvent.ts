import type {
  OpenLineageEventKind,
  ValidatedEvent,
} from '@dataplatform/backstage-plugin-data-platform-node';

/**
 * A validated event as the validator hands it out. Its parsed form can be
 * let go of once handlers have prepared it (see
 * `OpenLineageEventHandler.prepare`) and is parsed again from its text if
 * something reads `event` afterwards; an event the validator changed
 * (facets left out, a run id made canonical, names mapped) keeps its parsed
 * form, as its text is what was sent.
 */
export class AcceptedEvent {
  prepared?: Map<string, unknown>;
  #parsed: unknown;

  constructor(
    readonly kind: OpenLineageEventKind,
    readonly key: string,
    readonly eventTime: number,
    parsed: unknown,
    /** The event's JSON as it was sent: what the raw event log keeps. */
    public text?: string,
    /** Whether the parsed event differs from its text. */
    readonly corrected = false,
  ) {
    this.#parsed = parsed;
  }

  get event(): any {
    if (this.#parsed === undefined) this.#parsed = JSON.parse(this.text!);
    return this.#parsed;
  }

  /** Lets go of the parsed event when it can be parsed again from its text. */
  release(): void {
    if (this.text !== undefined && !this.corrected) this.#parsed = undefined;
  }
}

/** Lets go of the parsed events that can be parsed again from their text. */
export function releaseParsed(events: ValidatedEvent[]): void {
  for (const e of events) if (e instanceof AcceptedEvent) e.release();
}
