/*
 * The catalog's own tracing, summed: the processing engine wraps each
 * entity's run ("ProcessingRun": processors, then the database writes) and
 * each processor's step in it ("ProcessingStep", named by processor and
 * stage) in OpenTelemetry spans. A tracer provider that only adds up their
 * durations shows where the catalog's processing time goes, per processor
 * step, without touching the engine or the processors.
 */

// The OpenTelemetry API the catalog backend itself loads (the bench does not
// depend on it otherwise); its tracers reach the provider registered here.
const otel = require(require.resolve('@opentelemetry/api', {
  paths: [require.resolve('@backstage/plugin-catalog-backend')],
}));

type Attributes = Record<string, unknown>;

/** Milliseconds and counts per span key. */
export type SpanTotals = Map<string, { ms: number; count: number }>;

function keyOf(name: string, attributes: Attributes): string | undefined {
  if (name === 'ProcessingRun') return 'run';
  if (name === 'ProcessingStep') {
    return `${attributes['backstage.catalog.processor.name']}.${attributes['backstage.catalog.processor.stage']}`;
  }
  if (name === 'ProcessingStage') {
    return `stage.${attributes['backstage.catalog.processor.stage']}`;
  }
  return undefined;
}

class TimedSpan {
  private readonly attributes: Attributes = {};
  private readonly started = performance.now();

  constructor(
    private readonly name: string,
    private readonly totals: () => SpanTotals | undefined,
  ) {}

  spanContext() {
    return otel.INVALID_SPAN_CONTEXT;
  }
  setAttribute(key: string, value: unknown) {
    this.attributes[key] = value;
    return this;
  }
  setAttributes(attributes: Attributes) {
    Object.assign(this.attributes, attributes);
    return this;
  }
  addEvent() {
    return this;
  }
  addLink() {
    return this;
  }
  addLinks() {
    return this;
  }
  setStatus() {
    return this;
  }
  updateName() {
    return this;
  }
  isRecording() {
    return true;
  }
  recordException() {}
  end() {
    const totals = this.totals();
    const key = keyOf(this.name, this.attributes);
    if (!totals || !key) return;
    const total = totals.get(key) ?? { ms: 0, count: 0 };
    total.ms += performance.now() - this.started;
    total.count += 1;
    totals.set(key, total);
  }
}

/**
 * Registers the summing tracer provider once; `collect()` starts a new set
 * of totals, which the spans that end from then on add to.
 */
export function catalogSpans() {
  let current: SpanTotals | undefined;
  const totals = () => current;
  const tracer = {
    startSpan: (name: string) => new TimedSpan(name, totals),
    startActiveSpan(name: string, ...rest: unknown[]) {
      const fn = rest[rest.length - 1] as (span: TimedSpan) => unknown;
      return fn(new TimedSpan(name, totals));
    },
  };
  otel.trace.setGlobalTracerProvider({ getTracer: () => tracer });
  return {
    collect(): SpanTotals {
      current = new Map();
      return current;
    },
  };
}
