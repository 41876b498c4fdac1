// Career paths, projections, region and occupation comparison and pay bands through HTTP (SPEC §2.5–2.7, §4).
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from './support.js';

const { app } = testApp();

function expectProblem(res: request.Response, status: number) {
  expect(res.status, res.text).toBe(status);
  expect(res.type).toBe('application/problem+json');
  return res.body as { detail: string; errors?: { path: string; message: string }[] };
}

describe('GET /v1/career-paths/{role}', () => {
  it('the ladder: manager needs 5 years (sourced); director has no pay figure', async () => {
    const res = await request(app).get('/v1/career-paths/pacs-administrator');
    expect(res.status, res.text).toBe(200);
    const steps = res.body.steps as { level: string; minYears: number; minYearsBasis: string; pay: { p50: number } | null }[];
    expect(steps.map((s) => s.level)).toEqual(['entry', 'mid', 'senior', 'manager', 'director']);
    const manager = steps.find((s) => s.level === 'manager');
    expect(manager).toMatchObject({ minYears: 5, minYearsBasis: 'sourced' });
    expect(manager?.pay?.p50).toBeGreaterThanOrEqual(150_000);
    expect(steps.find((s) => s.level === 'director')?.pay).toBeNull();
    expect(res.body.position).toBeNull();
  });

  it('for a person: the next step, what is missing and a readiness score', async () => {
    const res = await request(app).get(
      '/v1/career-paths/pacs-administrator?yearsExperience=4&skills=dicom,hl7&education=bachelors&region=us-ca-san-francisco',
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.region).toBe('us-ca-san-francisco');
    expect(res.body.position).toMatchObject({ current: 'mid', next: 'senior', yearsToGo: expect.any(Number) });
    expect(res.body.position.readiness.score).toBeGreaterThanOrEqual(0);
    expect(res.body.position.readiness.score).toBeLessThanOrEqual(100);
  });

  it('an unknown role in the path → 404 naming it; bad query fields → 400 naming each', async () => {
    expect(expectProblem(await request(app).get('/v1/career-paths/nurse'), 404).detail).toContain('nurse');
    const body = expectProblem(await request(app).get('/v1/career-paths/pacs-administrator?yearsExperience=lots&skills=juggling'), 400);
    expect(body.errors?.map((e) => e.path)).toContain('yearsExperience');
    const unknownSkill = expectProblem(await request(app).get('/v1/career-paths/pacs-administrator?skills=juggling'), 400);
    expect(unknownSkill.errors?.[0]?.path).toBe('skills.0');
    expect(expectProblem(await request(app).get('/v1/career-paths/pacs-administrator?role=x'), 400).errors?.[0]?.path).toBe('role');
  });
});

describe('POST /v1/projections', () => {
  it('New York: every yearly raise within a level lies between 2% and 3%, with low and high paths', async () => {
    const res = await request(app)
      .post('/v1/projections')
      .send({ yearsExperience: 2, skills: ['dicom', 'hl7'], region: 'us-ny-new-york', horizonYears: 10 });
    expect(res.status, res.text).toBe(200);
    const series = res.body.series as { year: number; level: string; raise: number; promoted: boolean; base: { p50: number } }[];
    // The starting year, then one point per year of the horizon.
    expect(series).toHaveLength(11);
    for (const path of [series, res.body.low as typeof series, res.body.high as typeof series]) {
      expect(path).toHaveLength(11);
      const raises = path.slice(1).filter((p) => !p.promoted);
      expect(raises.length).toBeGreaterThan(0);
      for (const p of raises) {
        expect(p.raise).toBeGreaterThanOrEqual(0.02 - 1e-9);
        expect(p.raise).toBeLessThanOrEqual(0.03 + 1e-9);
      }
    }
    expect(series.some((p) => p.promoted)).toBe(true);
    expect(res.body.raise).toMatchObject({ scope: 'region', low: 0.02, high: 0.03 });
  });

  it('horizonYears outside 1–40, or missing → 400 naming it; JSON only → 415', async () => {
    for (const horizonYears of [0, 41, undefined]) {
      const body = expectProblem(await request(app).post('/v1/projections').send({ level: 'mid', horizonYears }), 400);
      expect(body.errors?.map((e) => e.path)).toEqual(['horizonYears']);
    }
    const res = await request(app).post('/v1/projections').set('Content-Type', 'text/plain').send('horizonYears=5');
    expectProblem(res, 415);
  });
});

describe('GET /v1/regions/compare', () => {
  it('compares the profile across the regions in the order asked, and is not read as a region id', async () => {
    const res = await request(app).get('/v1/regions/compare?level=mid&regions=us-ny-new-york,us-tx-houston,us');
    expect(res.status, res.text).toBe(200);
    const rows = res.body.regions as { region: string; nominal: { p50: number }; purchasingPower: { p50: number } | null }[];
    expect(rows.map((r) => r.region)).toEqual(['us-ny-new-york', 'us-tx-houston', 'us']);
    expect(rows[2]?.nominal.p50).toBeCloseTo(90_000, -3);
    expect(rows[0]?.purchasingPower?.p50).toBeLessThan(rows[0]?.nominal.p50 ?? 0);
    expect(res.body.rankedByNominal).toHaveLength(3);
  });

  it('GET /v1/regions/{id} still answers regions, and a region named like the route is a plain 404', async () => {
    expect((await request(app).get('/v1/regions/us-ny-new-york')).body.id).toBe('us-ny-new-york');
    expectProblem(await request(app).get('/v1/regions/comparison'), 404);
  });

  it('missing or unknown regions → 400 naming the field and the item', async () => {
    expect(expectProblem(await request(app).get('/v1/regions/compare?level=mid'), 400).errors?.[0]?.path).toBe('regions');
    const body = expectProblem(await request(app).get('/v1/regions/compare?regions=us,us-xx'), 400);
    expect(body.errors).toEqual([{ path: 'regions.1', message: expect.stringContaining("'us-xx'") }]);
  });

  it('POST is not allowed there: 405 with Allow', async () => {
    const res = await request(app).post('/v1/regions/compare').send({});
    expectProblem(res, 405);
    expect(res.headers.allow).toContain('GET');
  });
});

describe('GET /v1/occupations/compare', () => {
  it('sets the PACS median against BLS occupations, mapping labelled', async () => {
    const res = await request(app).get('/v1/occupations/compare?level=mid');
    expect(res.status, res.text).toBe(200);
    expect(res.body.pacs.p50).toBeCloseTo(90_000, -3);
    expect(res.body.occupations.length).toBeGreaterThan(0);
    for (const o of res.body.occupations) {
      expect(o.pacsPercentile).toBeGreaterThanOrEqual(0);
      expect(o.pacsPercentile).toBeLessThanOrEqual(100);
      expect(o.mapping?.basis).toMatch(/sourced|judgement/);
    }
    expectProblem(await request(app).get('/v1/occupations/compare?scope=some'), 400);
  });
});

describe('/v1/pay-bands', () => {
  it('GET: a 40% spread around the median', async () => {
    const res = await request(app).get('/v1/pay-bands?level=mid&region=us&spreadPercent=40');
    expect(res.status, res.text).toBe(200);
    const { min, midpoint, max } = res.body as { min: number; midpoint: number; max: number };
    expect(midpoint).toBeCloseTo(90_000, -3);
    expect(max / min).toBeCloseTo(1.4, 2);
    expect(min).toBeLessThan(midpoint);
  });

  it('POST: the band between two market percentiles; conflicting fields → 400', async () => {
    const res = await request(app).post('/v1/pay-bands').send({ level: 'mid', method: 'percentiles', percentiles: 'p25-p75' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.min).toBe(res.body.market.base.p25);
    expect(res.body.max).toBe(res.body.market.base.p75);
    const bad = await request(app).post('/v1/pay-bands').send({ level: 'mid', method: 'percentiles', spreadPercent: 30 });
    expect(expectProblem(bad, 400).errors?.[0]?.path).toBe('spreadPercent');
    expect(expectProblem(await request(app).get('/v1/pay-bands?spreadPercent=-3'), 400).errors?.[0]?.path).toBe('spreadPercent');
  });
});
