import type { SchemaField } from '../../schema/fields';
import { compileAnonymization, PiiNotApplied } from './anonymizationPlan';
import { KEYED_HASH_SOURCE, keyedHash } from './keyedHashSource';

/**
 * A single message transform made from an event type's schema: the
 * JavaScript a delivery's BigQuery subscription runs on every event before
 * it lands in the raw table, and what it does.
 */
export type AnonymizationTransform = {
  /** The name Pub/Sub calls (`javascriptUdf.functionName`). */
  functionName: string;
  /** The JavaScript source (`javascriptUdf.code`). It embeds the key. */
  code: string;
  /** SHA-256 of `code`, lowercase hex: equal fingerprints, equal transforms. */
  fingerprint: string;
  /** Paths of the fields removed (a dropped RECORD's own fields are not listed). */
  dropped: string[];
  /** Paths of the fields whose values are replaced by keyed-hash tokens. */
  pseudonymized: string[];
  /** Fields whose classification the transform does not apply (`encrypt`). */
  notApplied: PiiNotApplied[];
};

/** Shortest key accepted: a short key makes tokens easy to reverse by guessing. */
export const MIN_ANONYMIZATION_KEY_LENGTH = 16;

const DEFAULT_FUNCTION_NAME = 'anonymizeEvent';

// Words that cannot name a function in strict-mode ES5.
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else ' +
    'enum export extends false finally for function if implements import in ' +
    'instanceof interface let new null package private protected public ' +
    'return static super switch this throw true try typeof var void while ' +
    'with yield eval arguments'
  ).split(' '),
);

/**
 * Generates the transform that applies a schema's PII marks to events in
 * flight, as a Pub/Sub single message transform (a JavaScript UDF).
 *
 * What it does to an event (a JSON object in the message data):
 * - a field marked `drop` is removed, at any depth, in every record of a
 *   REPEATED RECORD too;
 * - a value marked `pseudonymize` becomes HMAC-SHA256(key, String(value))
 *   as 64 lowercase hex digits, the same for the same value and key, so
 *   tokens still join across tables and event types. Strings, numbers and
 *   booleans are replaced; arrays and JSON objects have each value inside
 *   replaced; null stays null. A RECORD marked `pseudonymize` passes the mark
 *   to its fields. `42` and `"42"` give the same token. (INT64 values past
 *   2^53 lose precision in any JSON-parsing transform: producers send such
 *   ids as JSON strings, which BigQuery accepts for INT64.);
 * - a field marked `encrypt` lands unchanged: per-user keys are not applied
 *   yet, and `notApplied` says so;
 * - fields the schema does not name pass through (the BigQuery subscription
 *   decides about unknown fields); names match case-insensitively, as
 *   BigQuery's columns do; message attributes are kept as they are.
 *
 * An event it cannot read safely (data that is not a JSON object, a scalar
 * where the schema has a record) makes it throw. It never passes such an
 * event on unchanged (its personal data would land in clear), nor returns
 * null (Pub/Sub would drop it silently); an error leaves the message
 * undelivered, so the delivery's subscription should have a dead-letter
 * topic to hold it.
 *
 * The key comes from the caller's configuration and is written into the
 * code: anyone who may view the subscription can read it and compute tokens
 * for guessed values. A deployment whose key must stay secret runs the
 * transform in a Dataflow job instead (not built here). The same schema and
 * key always give the same code, so the fingerprint shows drift.
 *
 * The Pub/Sub contract this follows (Google Cloud documentation "User
 * Defined Functions (UDFs) overview", "Update subscription SMTs", the
 * `JavaScriptUDF` and `MessageTransform` API reference, and Google's sample
 * UDFs in GoogleCloudPlatform/pubsub `udfs/`):
 * - configured as `messageTransforms: [{ javascriptUdf: { functionName,
 *   code } }]` on the subscription (or topic), applied in order before
 *   delivery; several UDFs on one resource need distinct function names; a
 *   transform can be disabled (`disabled: true`, formerly `enabled`);
 * - `code` must contain `function <functionName>(message, metadata)`;
 *   `message.data` is the payload as a string (Google's samples call
 *   `JSON.parse(message.data)` directly, no base64), `message.attributes`
 *   a string map; `metadata` holds optional `message_id`, `publish_time`
 *   (YYYY-MM-DDTHH:MM:SSZ) and `ordering_key`;
 * - it returns `{ data, attributes? }` (empty `attributes` removes them all)
 *   or `null` to filter the message out; Google's validation sample throws
 *   an Error to refuse a message;
 * - the runtime is plain ECMAScript (no `require`, modules or Node APIs), so
 *   the code carries its own SHA-256 and UTF-8 encoding and keeps to ES5;
 * - changes to a subscription's transforms reach new deliveries within
 *   minutes; `gcloud pubsub message-transforms test` runs them on a message.
 * The stored copies of the overview stop before its limits (code size,
 * execution time); the generated code stays a few kilobytes (about 6 KB plus
 * some 30 bytes per PII field) to keep well inside them.
 */
export function generateAnonymizationTransform(
  fields: SchemaField[],
  options: { key: string; functionName?: string },
): AnonymizationTransform {
  const functionName = options.functionName ?? DEFAULT_FUNCTION_NAME;
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(functionName)) {
    throw new Error(
      `The anonymization transform's function name "${functionName}" is not a JavaScript identifier`,
    );
  }
  if (RESERVED.has(functionName)) {
    throw new Error(
      `The anonymization transform's function name "${functionName}" is a reserved word`,
    );
  }
  if (options.key.length < MIN_ANONYMIZATION_KEY_LENGTH) {
    throw new Error(
      `The anonymization key must have at least ${MIN_ANONYMIZATION_KEY_LENGTH} characters`,
    );
  }
  const { plan, dropped, pseudonymized, notApplied } =
    compileAnonymization(fields);
  const code = transformCode(functionName, options.key, JSON.stringify(plan));
  return {
    functionName,
    code,
    fingerprint: transformFingerprint(code),
    dropped,
    pseudonymized,
    notApplied,
  };
}

/** The fingerprint of transform code, e.g. of a transform found on a subscription. */
export function transformFingerprint(code: string): string {
  return keyedHash().sha256Hex(code);
}

/** A JavaScript string literal, safe in ES5 (no raw line or paragraph separators). */
function jsString(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function transformCode(functionName: string, key: string, plan: string) {
  const keyedHashSource = KEYED_HASH_SOURCE.replace(/^(?=.)/gm, '  ');
  return `/* Generated by the data platform from the event type's schema: drops and
 * pseudonymizes personal data on delivery. Provisioning replaces it; do not edit. */
function ${functionName}(message, metadata) {
  'use strict';
  var KEY = ${jsString(key)};
  var PLAN = JSON.parse(${jsString(plan)});
${keyedHashSource}
  var pads = hmacKey(KEY);
  var own = Object.prototype.hasOwnProperty;
  function pseudonymize(value) {
    var k;
    if (value === null || value === undefined) return value;
    if (typeof value !== 'object') return hmacHex(pads, String(value));
    for (k in value) if (own.call(value, k)) value[k] = pseudonymize(value[k]);
    return value;
  }
  function records(value, plan, path) {
    var i;
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (i = 0; i < value.length; i++) records(value[i], plan, path + '[' + i + ']');
    } else if (typeof value === 'object') {
      apply(value, plan, path + '.');
    } else {
      throw new Error('anonymization: ' + path + ' is not a record');
    }
  }
  function apply(record, plan, path) {
    var keys = Object.keys(record), i, name, rule;
    for (i = 0; i < keys.length; i++) {
      name = keys[i].toLowerCase();
      if (!own.call(plan, name)) continue;
      rule = plan[name];
      if (rule === 'drop') delete record[keys[i]];
      else if (rule === 'pseudonymize') record[keys[i]] = pseudonymize(record[keys[i]]);
      else records(record[keys[i]], rule, path + keys[i]);
    }
  }
  var event;
  try {
    event = JSON.parse(message.data);
  } catch (e) {
    throw new Error('anonymization: the message data is not JSON');
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw new Error('anonymization: the message data is not a JSON object');
  }
  apply(event, PLAN, '');
  message.data = JSON.stringify(event);
  return message;
}
`;
}
