import {
  AnonymizationTransform,
  transformFingerprint,
} from './generateAnonymizationTransform';

/** A message as a single message transform receives and returns it. */
type TransformMessage = { data: string; attributes: Record<string, string> };

type CompiledTransform = {
  code: string;
  run: (message: TransformMessage, metadata: object) => unknown;
};

/** Compiled transforms kept at once (one per event type and schema revision in use). */
const MAX_COMPILED = 256;

const compiled = new Map<string, CompiledTransform>();

function compile(transform: AnonymizationTransform): CompiledTransform {
  const cached = compiled.get(transform.fingerprint);
  if (cached && cached.code === transform.code) {
    // Map order is insertion order: re-inserting keeps recently used ones.
    compiled.delete(transform.fingerprint);
    compiled.set(transform.fingerprint, cached);
    return cached;
  }
  if (
    !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(transform.functionName) ||
    transformFingerprint(transform.code) !== transform.fingerprint
  ) {
    throw new Error(
      `Not a generated anonymization transform: its code does not match its fingerprint ${transform.fingerprint}, or its function name is not an identifier`,
    );
  }
  // eslint-disable-next-line no-new-func -- a transform is JavaScript source by design; only generated code is run
  const run = new Function(
    `${transform.code}\nreturn ${transform.functionName};`,
  )() as CompiledTransform['run'];
  const entry = { code: transform.code, run };
  compiled.set(transform.fingerprint, entry);
  if (compiled.size > MAX_COMPILED) {
    compiled.delete(compiled.keys().next().value!);
  }
  return entry;
}

/**
 * Runs a generated transform on one event the way Pub/Sub does: the event
 * as the message's JSON data (no attributes), the transform's answer read
 * back. Returns the event as it lands, or null when the transform filtered
 * it out. Throws what the transform throws (an event it refuses). Used where
 * events land without Pub/Sub, as in the local warehouse's dev delivery.
 */
export function runAnonymizationTransform(
  transform: AnonymizationTransform,
  event: object,
): object | null {
  const { run } = compile(transform);
  const result = run({ data: JSON.stringify(event), attributes: {} }, {});
  if (result === null) return null;
  const data = (result as { data?: unknown } | undefined)?.data;
  if (typeof data !== 'string') {
    throw new Error('The anonymization transform answered without string data');
  }
  return JSON.parse(data);
}
