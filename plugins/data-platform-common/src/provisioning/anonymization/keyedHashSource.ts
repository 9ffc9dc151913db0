/**
 * HMAC-SHA256 written as ES5 source text, for the generated anonymization
 * transform. A Pub/Sub single message transform runs plain ECMAScript: no
 * `require`, no Node `crypto`, no Web Crypto, no `TextEncoder`. So the
 * transform carries its own UTF-8 encoder and SHA-256, kept as text here
 * (never as a compiled function's `toString()`, which changes with the
 * build's transpiler and would make the transform's fingerprint drift).
 *
 * The source declares these functions, used by the generated transform:
 * - `utf8(text)`: the UTF-8 bytes of a string (lone surrogates become
 *   U+FFFD, as Node's Buffer and TextEncoder do);
 * - `sha256(bytes)`: the 32-byte digest of a byte array;
 * - `hex(bytes)`: bytes as lowercase hexadecimal digits;
 * - `hmacKey(key)`: the inner and outer pads of an HMAC key (a string);
 * - `hmacHex(pads, text)`: HMAC-SHA256 of a string's UTF-8 bytes, as 64
 *   lowercase hexadecimal digits.
 */
export const KEYED_HASH_SOURCE = `function utf8(s) {
  var out = [], i, c, d;
  for (i = 0; i < s.length; i++) {
    c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}
var SHA256_K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
];
function rotr(x, n) {
  return (x >>> n) | (x << (32 - n));
}
function sha256(bytes) {
  var m = bytes.slice(), bits = bytes.length * 8, w = [], out = [], i, j;
  var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  var a, b, c, d, e, f, g, k, s0, s1, t1, t2;
  m.push(0x80);
  while (m.length % 64 !== 56) m.push(0);
  for (i = 7; i >= 0; i--) m.push(i >= 4 ? (Math.floor(bits / 0x100000000) >>> ((i - 4) * 8)) & 255 : (bits >>> (i * 8)) & 255);
  for (i = 0; i < m.length; i += 64) {
    for (j = 0; j < 64; j++) {
      if (j < 16) {
        w[j] = (m[i + 4 * j] << 24) | (m[i + 4 * j + 1] << 16) | (m[i + 4 * j + 2] << 8) | m[i + 4 * j + 3];
      } else {
        s0 = rotr(w[j - 15], 7) ^ rotr(w[j - 15], 18) ^ (w[j - 15] >>> 3);
        s1 = rotr(w[j - 2], 17) ^ rotr(w[j - 2], 19) ^ (w[j - 2] >>> 10);
        w[j] = (w[j - 16] + s0 + w[j - 7] + s1) | 0;
      }
    }
    a = h[0]; b = h[1]; c = h[2]; d = h[3]; e = h[4]; f = h[5]; g = h[6]; k = h[7];
    for (j = 0; j < 64; j++) {
      t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + SHA256_K[j] + w[j]) | 0;
      t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
  }
  for (i = 0; i < 8; i++) out.push((h[i] >>> 24) & 255, (h[i] >>> 16) & 255, (h[i] >>> 8) & 255, h[i] & 255);
  return out;
}
function hmacKey(key) {
  var k = utf8(key), inner = [], outer = [], i;
  if (k.length > 64) k = sha256(k);
  for (i = 0; i < 64; i++) {
    inner.push((k[i] || 0) ^ 0x36);
    outer.push((k[i] || 0) ^ 0x5c);
  }
  return { inner: inner, outer: outer };
}
function hex(bytes) {
  var out = '', i;
  for (i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return out;
}
function hmacHex(pads, text) {
  return hex(sha256(pads.outer.concat(sha256(pads.inner.concat(utf8(text))))));
}`;

type KeyedHash = {
  sha256Hex(text: string): string;
  hmacHex(key: string, text: string): string;
};

let compiled: KeyedHash | undefined;

/**
 * The source above as callable functions, for what the platform itself must
 * hash the same way (a transform's fingerprint).
 */
export function keyedHash(): KeyedHash {
  if (!compiled) {
    // eslint-disable-next-line no-new-func -- the hash exists as source text by design (see above)
    compiled = new Function(
      `${KEYED_HASH_SOURCE}
return {
  sha256Hex: function (text) { return hex(sha256(utf8(text))); },
  hmacHex: function (key, text) { return hmacHex(hmacKey(key), text); }
};`,
    )() as KeyedHash;
  }
  return compiled;
}
