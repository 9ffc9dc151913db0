/**
 * Seeded randomness. Every part of the platform draws from its own stream
 * (`forkRandom(seed, 'pipelines')`), and per-item streams hash the item's
 * identity in, so changing one part (say the event window) never shifts the
 * others and the same seed always gives the same platform.
 */

/** 32-bit FNV-1a of a string, mixed with a seed. */
export function hashString(value: string, seed = 0): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Weight tables are usually constants: sum them once. */
const weightTables = new WeakMap<
  object,
  { entries: [string, number][]; total: number }
>();

/** A deterministic source of numbers and choices. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 expands the seed into sfc32's four words.
    let state = seed >>> 0;
    const next = () => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** sfc32: fast, small state, good statistical quality. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One key of `weights`, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    let table = weightTables.get(weights);
    if (!table) {
      const pairs = Object.entries(weights) as [string, number][];
      table = {
        entries: pairs,
        total: pairs.reduce((sum, [, w]) => sum + w, 0),
      };
      weightTables.set(weights, table);
    }
    const entries = table.entries as [K, number][];
    let roll = this.next() * table.total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  /**
   * An index in [0, size) skewed towards 0 by a power law: the density of
   * index x falls like x^(1/skew - 1). Used for popularity (a few datasets
   * are read by very many pipelines, most by few).
   */
  skewedIndex(size: number, skew: number): number {
    return Math.min(size - 1, Math.floor(size * Math.pow(this.next(), skew)));
  }

  /** An index in [0, size) with probability proportional to 1 / (index + 1)^exponent. */
  zipf(size: number, exponent: number): number {
    let total = 0;
    for (let i = 0; i < size; i++) total += 1 / Math.pow(i + 1, exponent);
    let roll = this.next() * total;
    for (let i = 0; i < size; i++) {
      roll -= 1 / Math.pow(i + 1, exponent);
      if (roll < 0) return i;
    }
    return size - 1;
  }

  /** Log-normally distributed value with the given median, clamped to [min, max]. */
  logNormal(median: number, sigma: number, min: number, max: number): number {
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.min(max, Math.max(min, median * Math.exp(sigma * normal)));
  }

  /** Fisher-Yates shuffle of a copy. */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
}

/** An independent stream for one part of the platform (or one item of it). */
export function forkRandom(seed: number, ...path: (string | number)[]): Random {
  return new Random(hashString(path.join('/'), seed));
}
