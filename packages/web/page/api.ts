// The page's only way to the server: same-origin calls to the PayLens API, problems turned into
// ApiProblem so a view can put each field's message next to its control.
import type { Benchmark, Education, Estimate, EstimateQuery, Region, RegionComparison, Role, Skill, Source } from '@paylens/core';

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** An answer that is not 2xx: an RFC 9457 problem, or a stand-in for a network failure. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: readonly FieldProblem[] = [],
  ) {
    super(detail || title);
  }
}

/** The profile every view sends: the estimate query without `asOf`. */
export type ProfileQuery = Omit<EstimateQuery, 'asOf'>;

export interface SkillList {
  readonly skills: readonly Skill[];
  readonly categories: readonly { id: string; skills: readonly string[] }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function toProblem(status: number, body: unknown): ApiProblem {
  if (!isRecord(body)) return new ApiProblem(status, 'Request failed', `The server answered ${status}`);
  const errors = Array.isArray(body.errors)
    ? body.errors.filter(isRecord).map((e) => ({ path: String(e.path ?? ''), message: String(e.message ?? '') }))
    : [];
  return new ApiProblem(status, String(body.title ?? 'Request failed'), String(body.detail ?? ''), errors);
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init.headers }, credentials: 'same-origin' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiProblem(0, 'Network error', 'The PayLens API could not be reached. Check your connection and try again.');
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw toProblem(res.status, body);
  return body as T;
}

/** `?a=1&skills=dicom,hl7`, leaving out what is not set. */
export function toQueryString(query: Readonly<Record<string, string | number | readonly string[] | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const post = (body: unknown, signal?: AbortSignal): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
  ...(signal ? { signal } : {}),
});
const get = (signal?: AbortSignal): RequestInit => (signal ? { signal } : {});

export const api = {
  roles: () => call<{ roles: Role[] }>('/v1/roles').then((r) => r.roles),
  skills: () => call<SkillList>('/v1/skills'),
  education: () => call<{ education: Education[] }>('/v1/education').then((r) => r.education),
  regions: (q?: string, signal?: AbortSignal) =>
    call<{ regions: Region[] }>(`/v1/regions${toQueryString({ q })}`, get(signal)).then((r) => r.regions),
  sources: () => call<{ sources: Source[] }>('/v1/sources').then((r) => r.sources),
  estimate: (query: ProfileQuery, signal?: AbortSignal) => call<Estimate>(`/v1/estimates${toQueryString({ ...query })}`, get(signal)),
  benchmark: (body: ProfileQuery & { offer: { base?: number; bonus?: number } }, signal?: AbortSignal) =>
    call<Benchmark>('/v1/offers/benchmark', post(body, signal)),
  compare: (query: Omit<ProfileQuery, 'region'> & { regions: string[] }, signal?: AbortSignal) =>
    call<RegionComparison>(`/v1/regions/compare${toQueryString({ ...query })}`, get(signal)),
};
