import type {
  OpenLineageEventKind,
  ValidatedEvent,
} from '@dataplatform/backstage-plugin-data-platform-node';

/**
 * A validated event as the validator hands it out. Its parsed form can be
 * let go of once handlers have prepared it (see
 * `OpenLineageEventHandler.prepare`) and is parsed again from its text if
 * something reads `event` afterwards.
 */
export class AcceptedEvent {
  text?: string;
  prepared?: Map<string, unknown>;
  #parsed: unknown;

  constructor(
    readonly kind: OpenLineageEventKind,
    readonly key: string,
    readonly eventTime: number,
    parsed: unknown,
  ) {
    this.#parsed = parsed;
  }

  get event(): any {
    if (this.#parsed === undefined) this.#parsed = JSON.parse(this.text!);
    return this.#parsed;
  }

  /** Lets go of the parsed event when it can be parsed again from its text. */
  release(): void {
    if (this.text !== undefined) this.#parsed = undefined;
  }
}

/** Lets go of the parsed events that can be parsed again from their text. */
export function releaseParsed(events: ValidatedEvent[]): void {
  for (const e of events) if (e instanceof AcceptedEvent) e.release();
}
