import type { Dataset } from '../dataset/dataset.js';

// The insights are pure functions of (data set, query), so an identical query may be answered
// with the result computed before. The memo looks at the raw query, before any parsing: a query
// that is not a plain record of the profile fields holding strings, numbers and string lists is
// not memoised and takes the ordinary path, where the schema says what is wrong with it. Errors
// are never memoised. This runs on every call, so it builds no key string: it hashes the fields
// (FNV-1a) and compares them with the stored ones. The ids of the data sets the memos have seen
// are hashed once and looked up (V8 keeps each string's own hash), not character by character.

/** The raw profile fields of a query, as the caller gave them. */
interface ProfileFields {
  readonly role?: unknown;
  readonly level?: unknown;
  readonly yearsExperience?: unknown;
  readonly region?: unknown;
  readonly skills?: unknown;
  readonly education?: unknown;
  readonly asOf?: unknown;
}

interface Entry<V> {
  readonly role: unknown;
  readonly level: unknown;
  readonly yearsExperience: unknown;
  readonly region: unknown;
  readonly skills: readonly string[] | undefined;
  readonly education: unknown;
  readonly asOf: unknown;
  readonly value: V;
}

/**
 * A bounded memo per data set: the oldest entry goes first once `capacity` is reached. A value is
 * kept only for a query asked for the second time (in a while): one-off queries, however many,
 * neither push out the repeated ones nor cost the garbage collector long-lived objects.
 */
export interface QueryMemo<V> {
  /** The value stored for a query with the same profile fields; `hash` from {@link hashProfileQuery}. */
  get(dataset: Dataset, hash: number, query: object): V | undefined;
  /** Keeps the value if the same hash was offered recently; else only remembers the hash. */
  offer(dataset: Dataset, hash: number, query: object, value: V): void;
}

interface Memo<V> {
  readonly entries: Map<number, Entry<V>>;
  /**
   * Hashes offered recently: a doorkeeper that allocates nothing. Buckets of four slots, filled
   * in turn, so two queries whose hashes share a bucket do not keep pushing each other out.
   */
  readonly seen: Uint32Array;
  /** The slot of each bucket to fill next. */
  readonly turn: Uint8Array;
}

const WAYS = 4;

export function createQueryMemo<V>(capacity: number): QueryMemo<V> {
  const byDataset = new WeakMap<Dataset, Memo<V>>();
  const seenSize = 2 ** Math.ceil(Math.log2(Math.max(16, capacity * 4)));
  const buckets = seenSize / WAYS;
  let lastDataset: Dataset | undefined;
  let lastMemo: Memo<V> | undefined;
  const memoFor = (dataset: Dataset): Memo<V> => {
    if (dataset !== lastDataset || !lastMemo) {
      let memo = byDataset.get(dataset);
      if (!memo) {
        memo = { entries: new Map(), seen: new Uint32Array(seenSize), turn: new Uint8Array(buckets) };
        byDataset.set(dataset, memo);
        learnIds(dataset);
      }
      lastDataset = dataset;
      lastMemo = memo;
    }
    return lastMemo;
  };
  return {
    get(dataset, hash, query) {
      const entry = memoFor(dataset).entries.get(hash);
      // The fields hashProfileQuery has just read from this query, or else the query's own.
      const fields: ProfileFields = query === last.query ? last : query;
      last.query = undefined;
      return entry && sameFields(entry, fields) ? entry.value : undefined;
    },
    offer(dataset, hash, query, value) {
      const { entries: memo, seen, turn } = memoFor(dataset);
      const bucket = hash & (buckets - 1);
      const first = bucket * WAYS;
      if (seen[first] !== hash && seen[first + 1] !== hash && seen[first + 2] !== hash && seen[first + 3] !== hash) {
        const way = turn[bucket] as number;
        seen[first + way] = hash;
        turn[bucket] = (way + 1) % WAYS;
        return;
      }
      if (memo.size >= capacity && !memo.has(hash)) {
        const oldest = memo.keys().next();
        if (!oldest.done) memo.delete(oldest.value);
      }
      const q = query as ProfileFields;
      // A copy of the list: the caller may change theirs afterwards. Not frozen (it never leaves the
      // memo): V8 reads the items of frozen lists more slowly, and this one is read on every hit.
      const skills = Array.isArray(q.skills) ? (q.skills as string[]).slice() : undefined;
      const { role, level, yearsExperience, region, education, asOf } = q;
      memo.set(hash, { role, level, yearsExperience, region, skills, education, asOf, value });
    },
  };
}

function sameFields(entry: Entry<unknown>, q: ProfileFields): boolean {
  if (
    entry.role !== q.role ||
    entry.level !== q.level ||
    entry.yearsExperience !== q.yearsExperience ||
    entry.region !== q.region ||
    entry.education !== q.education ||
    entry.asOf !== q.asOf
  ) {
    return false;
  }
  const a = entry.skills;
  const b = q.skills as readonly string[] | undefined;
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Outside the range of UTF-16 code units, so "absent" never hashes like any string.
const ABSENT = 0x10000;
const NUMBER = 0x10001;
const float = new Float64Array(1);
const floatWords = new Uint32Array(float.buffer);

/** FNV-1a of a string's length and characters. */
function hashString(s: string): number {
  let x = Math.imul(FNV_OFFSET ^ s.length, FNV_PRIME);
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), FNV_PRIME);
  return x;
}

/**
 * {@link hashString} of the ids of every data set a memo has seen (role, level, region, skill and
 * education ids), so the usual strings of a query cost one lookup each. Bounded: ids of data sets
 * seen once it is full are hashed character by character, which gives the same values.
 */
const idHashes = new Map<string, number>();
const MAX_ID_HASHES = 65_536;
const learned = new WeakSet<Dataset>();

function learnIds(dataset: Dataset): void {
  if (learned.has(dataset)) return;
  learned.add(dataset);
  const learn = (id: string) => {
    if (idHashes.size < MAX_ID_HASHES && !idHashes.has(id)) idHashes.set(id, hashString(id));
  };
  for (const role of dataset.roles.all) {
    learn(role.id);
    for (const level of role.levels) learn(level.id);
  }
  for (const region of dataset.regions.all) learn(region.id);
  for (const skill of dataset.skills.all) learn(skill.id);
  for (const education of dataset.education.all) learn(education.id);
}

function mixString(h: number, s: string): number {
  const known = idHashes.get(s);
  return Math.imul(h ^ (known === undefined ? hashString(s) : known), FNV_PRIME);
}

function mixOptionalString(h: number, value: unknown): number {
  if (typeof value === 'string') return mixString(h, value);
  return value === undefined ? Math.imul(h ^ ABSENT, FNV_PRIME) : -1;
}

/**
 * The fields the last successful {@link hashProfileQuery} read, and from which query: the memo
 * compares them with its entry instead of reading the query's fields a second time.
 */
const last: { query: object | undefined } & { -readonly [K in keyof ProfileFields]: unknown } = {
  query: undefined,
  role: undefined,
  level: undefined,
  yearsExperience: undefined,
  region: undefined,
  skills: undefined,
  education: undefined,
  asOf: undefined,
};

/**
 * A 32-bit hash of the profile fields of a query (unsigned, so ≥ 0), or -1 when the query is not
 * memoised: it holds a field other than the profile's and `also` (which the caller validates
 * itself), or a value other than a string, a number, a list of strings or undefined.
 */
export function hashProfileQuery(query: unknown, also?: string): number {
  if (typeof query !== 'object' || query === null || Array.isArray(query)) return -1;
  // A switch on the names, not a Set: this runs on every call.
  for (const name in query) {
    switch (name) {
      case 'role':
      case 'level':
      case 'yearsExperience':
      case 'region':
      case 'skills':
      case 'education':
      case 'asOf':
        break;
      default:
        if (name !== also) return -1;
    }
  }
  const { role, level, yearsExperience, region, skills, education, asOf } = query as ProfileFields;
  let h = mixOptionalString(FNV_OFFSET, role);
  if (h === -1) return -1;
  h = mixOptionalString(h, level);
  if (h === -1) return -1;
  if (typeof yearsExperience === 'number') {
    float[0] = yearsExperience;
    h = Math.imul(
      Math.imul(Math.imul(h ^ NUMBER, FNV_PRIME) ^ (floatWords[0] as number), FNV_PRIME) ^ (floatWords[1] as number),
      FNV_PRIME,
    );
  } else if (yearsExperience === undefined) h = Math.imul(h ^ ABSENT, FNV_PRIME);
  else return -1;
  h = mixOptionalString(h, region);
  if (h === -1) return -1;
  if (Array.isArray(skills)) {
    h = Math.imul(h ^ (skills.length + NUMBER), FNV_PRIME);
    for (const skill of skills) {
      if (typeof skill !== 'string') return -1;
      h = mixString(h, skill);
    }
  } else if (skills === undefined) h = Math.imul(h ^ ABSENT, FNV_PRIME);
  else return -1;
  h = mixOptionalString(h, education);
  if (h === -1) return -1;
  h = mixOptionalString(h, asOf);
  if (h === -1) return -1;
  last.query = query;
  last.role = role;
  last.level = level;
  last.yearsExperience = yearsExperience;
  last.region = region;
  last.skills = skills;
  last.education = education;
  last.asOf = asOf;
  return h >>> 0;
}

/** Freezes a result and everything in it that is not frozen yet (data-set records already are). */
export function freezeResult<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key in value) freezeResult(value[key]);
  }
  return value;
}
