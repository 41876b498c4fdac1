import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDefaultDataset } from '../default-dataset.js';
import { isUnknownReferenceError, isValidationError } from '../errors/index.js';
import { CareerPathSchema } from '../schemas/career-path.js';
import { buildCareerPath, READINESS_WEIGHTS } from './build-career-path.js';

const ds = getDefaultDataset();
const IC_SKILLS = ['dicom', 'hl7', 'troubleshooting', 'communication', 'pacs-ris-integration', 'cybersecurity'];
const MANAGER_SKILLS = ['leadership', 'decision-making', 'budgeting', 'team-building'];
const step = (path: ReturnType<typeof buildCareerPath>, level: string) => path.steps.find((s) => s.level === level);

describe('buildCareerPath: the ladder', () => {
  const path = buildCareerPath(ds, {});

  it('lists every level in order with its minimum years and their basis', () => {
    expect(path.steps.map((s) => [s.level, s.minYears, s.minYearsBasis])).toEqual([
      ['entry', 0, 'sourced'],
      ['mid', 2, 'judgement'],
      ['senior', 5, 'judgement'],
      ['manager', 5, 'sourced'],
      ['director', 10, 'judgement'],
    ]);
    expect(step(path, 'manager')?.minYearsSourceId).toBe('pbc-salary-average');
    expect(path.position).toBeNull();
  });

  it('prices each step from the article ladder and says there is no director figure', () => {
    expect(step(path, 'entry')?.pay?.p50).toBe(80_000);
    expect(step(path, 'mid')?.pay?.p50).toBe(90_000);
    expect(step(path, 'senior')?.pay?.p50).toBeGreaterThanOrEqual(100_000);
    expect(step(path, 'manager')?.pay?.p50).toBeGreaterThanOrEqual(150_000);
    expect(step(path, 'manager')?.payNote).toMatch(/floor/);
    const director = step(path, 'director');
    expect(director?.pay).toBeNull();
    expect(director?.payNote).toMatch(/No source/);
    for (const s of path.steps) if (s.pay) expect(s.pay.p25 < s.pay.p50 && s.pay.p50 < s.pay.p75).toBe(true);
  });

  it('prices the steps in the region asked (San Francisco ×1.1705)', () => {
    const sf = buildCareerPath(ds, { region: 'us-ca-san-francisco' });
    expect(sf.region).toBe('us-ca-san-francisco');
    expect((step(sf, 'mid')?.pay?.p50 ?? 0) / 90_000).toBeCloseTo(1.1705, 3);
  });

  it('says per requirement whether it is sourced or our judgement', () => {
    const req = (level: string, id: string) => step(path, level)?.requirements.find((r) => r.id === id);
    expect(req('entry', 'dicom')).toMatchObject({ kind: 'skill', necessity: 'required', basis: 'sourced', name: 'DICOM' });
    expect(req('manager', 'leadership')).toMatchObject({ necessity: 'required', basis: 'judgement', sourceId: 'paylens-judgement' });
    expect(req('manager', 'mba')).toMatchObject({ kind: 'education', necessity: 'preferred', basis: 'sourced' });
    expect(step(path, 'manager')?.gated).toBe(true);
    expect(step(path, 'senior')?.gated).toBe(false);
  });
});

describe('buildCareerPath: a person on the ladder', () => {
  it('4 years with DICOM and HL7: mid, senior next in 1 year, missing skills listed, readiness with its working', () => {
    const pos = buildCareerPath(ds, { yearsExperience: 4, skills: ['dicom', 'hl7'], education: 'bachelors' }).position;
    expect(pos).toMatchObject({ current: 'mid', next: 'senior', yearsToGo: 1, alsoQualifiesFor: null });
    expect(pos?.missing.years).toBe(1);
    expect(pos?.missing.skills.map((s) => s.id)).toEqual(['troubleshooting', 'communication', 'pacs-ris-integration', 'cybersecurity']);
    expect(pos?.missing.education).toEqual([]);
    // 0.4 × 4/5 + 0.4 × 2/6 + 0.2 × 1 = 0.6533
    expect(pos?.readiness.score).toBe(65);
    expect(pos?.readiness.basis).toBe('judgement');
    expect(pos?.readiness.components.map((c) => c.component)).toEqual(['years', 'skills', 'education']);
    expect(READINESS_WEIGHTS.years + READINESS_WEIGHTS.skills + READINESS_WEIGHTS.education).toBeCloseTo(1, 10);
  });

  it('manager needs at least 5 years (sourced) and the leadership skills', () => {
    const skills = [...IC_SKILLS, ...MANAGER_SKILLS];
    const at = (years: number) => buildCareerPath(ds, { yearsExperience: years, skills, education: 'bachelors' }).position;
    expect(at(4.9)?.current).toBe('mid');
    expect(at(5)?.current).toBe('manager');
    const noLeadership = buildCareerPath(ds, { yearsExperience: 6, skills: IC_SKILLS, education: 'bachelors' }).position;
    expect(noLeadership).toMatchObject({ current: 'senior', next: 'manager', yearsToGo: 0, eligibleForNext: false });
    expect(noLeadership?.missing.skills.map((s) => s.id)).toEqual(MANAGER_SKILLS);
    expect(noLeadership?.readiness.score).toBe(60);
  });

  it('a manager looks at director: 10 years (judgement) and safety monitoring', () => {
    const pos = buildCareerPath(ds, { yearsExperience: 6, skills: [...IC_SKILLS, ...MANAGER_SKILLS], education: 'mba' }).position;
    expect(pos).toMatchObject({ current: 'manager', next: 'director', yearsToGo: 4 });
    expect(pos?.missing.skills.map((s) => s.id)).toEqual(['safety-monitoring']);
  });

  it('at the top: qualifies for director (unpriced), no next step, readiness 100', () => {
    const skills = [...IC_SKILLS, ...MANAGER_SKILLS, 'safety-monitoring'];
    const pos = buildCareerPath(ds, { yearsExperience: 12, skills, education: 'mha' }).position;
    expect(pos).toMatchObject({ current: 'manager', alsoQualifiesFor: 'director', next: null, yearsToGo: 0 });
    expect(pos?.readiness.score).toBe(100);
  });

  it('education not given counts as not met, and says so', () => {
    const path = buildCareerPath(ds, { yearsExperience: 1, skills: ['dicom', 'hl7', 'troubleshooting', 'communication'] });
    expect(path.position?.missing.educationUnknown).toBe(true);
    expect(path.position?.readiness.components.find((c) => c.component === 'education')?.value).toBe(0);
    expect(path.notes.join(' ')).toMatch(/Education not given/);
  });

  it('readiness is an integer 0–100 equal to the sum of its points; years to go match the next step', () => {
    const skillIds = ds.skills.all.map((s) => s.id);
    const educationIds = ds.education.all.map((e) => e.id);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.subarray(skillIds),
        fc.option(fc.constantFrom(...educationIds), { nil: undefined }),
        (years, skills, education) => {
          const path = buildCareerPath(ds, { yearsExperience: years, skills, ...(education ? { education } : {}) });
          const pos = path.position;
          expect(pos).not.toBeNull();
          if (!pos) return;
          expect(Number.isInteger(pos.readiness.score)).toBe(true);
          expect(pos.readiness.score).toBeGreaterThanOrEqual(0);
          expect(pos.readiness.score).toBeLessThanOrEqual(100);
          if (pos.readiness.components.length > 0) {
            expect(Math.abs(pos.readiness.components.reduce((a, c) => a + c.points, 0) - pos.readiness.score)).toBeLessThanOrEqual(0.51);
          }
          const next = path.steps.find((s) => s.level === pos.next);
          expect(pos.yearsToGo).toBeCloseTo(next ? Math.max(0, next.minYears - years) : 0, 10);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('buildCareerPath: input', () => {
  it('names the offending field', () => {
    const path = (q: unknown) => {
      try {
        buildCareerPath(ds, q as never);
      } catch (error) {
        if (isValidationError(error)) return error.issues.map((i) => i.path);
        if (isUnknownReferenceError(error)) return [error.path];
        throw error;
      }
      return [];
    };
    expect(path({ yearsExperience: -1 })).toEqual(['yearsExperience']);
    expect(path({ skills: ['dicom', 'juggling'] })).toEqual(['skills.1']);
    expect(path({ level: 'mid' })).toEqual(['level']);
    expect(path({ region: 'us-zz' })).toEqual(['region']);
  });

  it('answers in the shape of its schema', () => {
    expect(() =>
      CareerPathSchema.parse(
        buildCareerPath(ds, {
          yearsExperience: 14,
          skills: ['leadership', 'decision-making', 'budgeting', 'team-building', 'safety-monitoring'],
        }),
      ),
    ).not.toThrow();
  });

  it('does not mutate its input', () => {
    const query = Object.freeze({ yearsExperience: 3, skills: Object.freeze(['dicom', 'hl7']) as string[], education: 'bachelors' });
    const copy = structuredClone(query);
    expect(() => buildCareerPath(ds, query)).not.toThrow();
    expect(query).toEqual(copy);
  });
});
