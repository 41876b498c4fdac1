// SPEC §4 through HTTP: every figure the default data must reproduce, asked of the running app.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from './support.js';

const { app } = testApp();
const SF = 'us-ca-san-francisco';
const within = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual / expected - 1), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);

async function estimate(query: string) {
  const res = await request(app).get(`/v1/estimates?${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function benchmark(body: object) {
  const res = await request(app).post('/v1/offers/benchmark').send(body);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

describe('SPEC §4 against the API', () => {
  it('national, all levels: base.mean 85,504 and bonus.mean 1,096 (GET and POST agree)', async () => {
    const e = await estimate('region=us');
    within(e.base.mean, 85_504, 0.005);
    within(e.bonus.mean, 1_096, 0.005);
    const post = await request(app).post('/v1/estimates').send({ region: 'us' });
    expect(post.status).toBe(200);
    expect(post.body).toEqual(e);
  });

  it('San Francisco, all levels: base.mean about 100,081', async () => {
    within((await estimate(`region=${SF}`)).base.mean, 100_081, 0.005);
  });

  it('entry 80,000 and mid 90,000 medians', async () => {
    within((await estimate('level=entry&region=us')).base.p50, 80_000, 0.01);
    within((await estimate('level=mid&region=us')).base.p50, 90_000, 0.01);
  });

  it('senior at least 100,000 and under manager; manager at least 150,000', async () => {
    const senior = await estimate('level=senior&region=us');
    const manager = await estimate('level=manager&region=us');
    expect(senior.base.p50).toBeGreaterThanOrEqual(100_000);
    expect(senior.base.p50).toBeLessThan(manager.base.p50);
    expect(manager.base.p50).toBeGreaterThanOrEqual(150_000);
  });

  it('manager is not reachable with under 5 years: 422 naming yearsExperience', async () => {
    const res = await request(app).get('/v1/estimates?level=manager&yearsExperience=4');
    expect(res.status).toBe(422);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'yearsExperience' })]);
    const inferred = await estimate('yearsExperience=4&skills=leadership,decision-making,budgeting,team-building,dicom,hl7');
    expect(inferred.level).not.toBe('manager');
  });

  it('director: a 422 problem saying there is no data', async () => {
    const res = await request(app).get('/v1/estimates?level=director');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ status: 422, title: 'No data', errors: [{ path: 'level' }] });
    expect(res.body.detail).toMatch(/no source/i);
  });

  it('San Francisco ÷ national median is about 1.1705 at every priced level', async () => {
    for (const level of ['entry', 'mid', 'senior', 'manager']) {
      const ratio = (await estimate(`level=${level}&region=${SF}`)).base.p50 / (await estimate(`level=${level}&region=us`)).base.p50;
      expect(ratio, level).toBeCloseTo(1.1705, 2);
    }
  });

  it('base.p50 never decreases as years grow from 0 to 30, skills fixed', async () => {
    let previous = 0;
    for (let years = 0; years <= 30; years++) {
      const { base } = await estimate(`yearsExperience=${years}&skills=dicom,hl7,troubleshooting`);
      expect(base.p50, `${years} years`).toBeGreaterThanOrEqual(previous);
      previous = base.p50;
    }
  });

  it('offer 90,000 at mid in us: percentile 45–55, competitive, compa-ratio about 1', async () => {
    const b = await benchmark({ level: 'mid', region: 'us', offer: { base: 90_000 } });
    expect(b.percentile).toBeGreaterThanOrEqual(45);
    expect(b.percentile).toBeLessThanOrEqual(55);
    expect(b.verdict).toBe('competitive');
    expect(b.compaRatio).toBeCloseTo(1, 2);
  });

  it('offers of 60,000 and 140,000 at mid are below and above market', async () => {
    expect((await benchmark({ level: 'mid', region: 'us', offer: { base: 60_000 } })).verdict).toBe('below-market');
    expect((await benchmark({ level: 'mid', region: 'us', offer: { base: 140_000 } })).verdict).toBe('above-market');
  });
});

describe('catalogue routes', () => {
  it('roles with their levels, and one role by id', async () => {
    const list = await request(app).get('/v1/roles');
    expect(list.status).toBe(200);
    expect(list.body.roles.map((r: { id: string }) => r.id)).toContain('pacs-administrator');
    const one = await request(app).get('/v1/roles/pacs-administrator');
    expect(one.body.levels.map((l: { id: string }) => l.id)).toEqual(['entry', 'mid', 'senior', 'manager', 'director']);
  });

  it('levels of the default role, ordered, with minimum years', async () => {
    const res = await request(app).get('/v1/levels?role=pacs-administrator');
    expect(res.body.role).toBe('pacs-administrator');
    expect(res.body.levels.find((l: { id: string }) => l.id === 'manager').minYears).toBe(5);
    expect((await request(app).get('/v1/levels')).body).toEqual(res.body);
  });

  it('skills with categories, education values, sources with title, publisher, date and url', async () => {
    const skills = (await request(app).get('/v1/skills')).body;
    for (const id of ['dicom', 'hl7', 'troubleshooting', 'cybersecurity', 'communication', 'leadership']) {
      expect(skills.skills.map((s: { id: string }) => s.id)).toContain(id);
    }
    expect(skills.categories.flatMap((c: { skills: string[] }) => c.skills)).toHaveLength(skills.skills.length);
    const education = (await request(app).get('/v1/education')).body.education.map((e: { id: string }) => e.id);
    expect(education).toEqual(expect.arrayContaining(['bachelors', 'mba', 'mha']));
    const sources = (await request(app).get('/v1/sources')).body.sources;
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) expect(s).toMatchObject({ title: expect.any(String), publisher: expect.any(String) });
  });

  it('regions filtered by kind and searched by name, case-insensitively', async () => {
    const metros = (await request(app).get('/v1/regions?kind=metro')).body.regions;
    expect(metros.length).toBeGreaterThan(1);
    expect(metros.every((r: { kind: string }) => r.kind === 'metro')).toBe(true);
    const found = (await request(app).get('/v1/regions?q=SAN%20FRAN')).body.regions.map((r: { id: string }) => r.id);
    expect(found).toContain(SF);
    expect((await request(app).get('/v1/regions?q=zzzz')).body.regions).toEqual([]);
    const sf = await request(app).get(`/v1/regions/${SF}`);
    expect(sf.body).toMatchObject({ id: SF, kind: 'metro' });
  });

  it('GET estimates read comma lists and repeated keys alike', async () => {
    const a = await estimate('yearsExperience=3&skills=dicom,hl7');
    const b = await estimate('yearsExperience=3&skills=dicom&skills=hl7');
    expect(a).toEqual(b);
  });
});
