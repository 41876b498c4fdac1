// A snapshot of the core's answers, one line each, to compare two versions of the core byte for
// byte (the "answers unchanged" checks of bench/NOTES.md, core rounds): random estimate and
// benchmark queries (mostly valid, some malformed), each asked three times (the memo must answer
// the same, never mutate the query); every region × level × years × skill set with offers and a
// deep-freeze check; the bench's own warm and cold queries; judgeOffer, a bulk run and
// non-object inputs; the other insights on a sample. Errors are written as their class, message
// and fields.
//   node --import tsx bench/answer-snapshot.ts OUT [random queries, 40000]
// then the same on the other version and `cmp` the two files. The last line printed counts the
// lines, the errors and the lines marked MEMO-MISMATCH, MUTATED or NOT-FROZEN (must be 0).
import fs from 'node:fs';
import * as core from '@paylens/core';
import { createRandom, makeProfiles, withOffers } from './lib/profiles.js';

const [outFile, count] = process.argv.slice(2);
if (!outFile) throw new Error('usage: answer-snapshot.ts OUT [random queries]');

const ds = core.getDefaultDataset();
const rnd = createRandom(12345);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
const U = undefined;
const regions = [...ds.regions.all.map((r) => r.id), 'US-CA-SAN-FRANCISCO', '  us-tx-houston ', 'us-ca-sf', 'nowhere', '', 5, null];
const levels = [U, U, U, 'entry', 'mid', 'senior', 'manager', 'director', 'MID', ' senior', 'bogus', 'x'.repeat(81), 3];
const years = [U, U, 0, 0.5, 1, 2, 2.5, 3, 4, 5, 6, 7.25, 8, 10, 12, 15, 20, 30, 59.9, 60, -0, -1, 60.01, NaN, Infinity, '5', null];
const skillSets = [
  U,
  U,
  [],
  ['dicom'],
  ['dicom', 'hl7'],
  ['dicom', 'hl7', 'troubleshooting', 'cybersecurity', 'pacs-ris-integration', 'communication'],
  ['leadership', 'decision-making', 'budgeting', 'team-building'],
  ['dicom', 'leadership', 'decision-making', 'budgeting', 'team-building'],
  ['DICOM', ' hl7 '],
  ['unknown-skill'],
  ['dicom', 'dicom'],
  [1],
  'dicom',
  ['bad id'],
  Array(51).fill('dicom'),
  [''],
];
const educations = [U, U, U, 'bachelors', 'mba', 'mha', 'associate', 'high-school', 'masters', 'BACHELORS', 'phd?', 'nope'];
const asOfs = [
  U,
  U,
  U,
  '2026-01-01',
  '2024-06-30',
  '2025-01-01',
  '1990-01-01',
  '1989-12-31',
  '2100-12-31',
  '2101-01-01',
  '2031-06-30',
  '2026-02-30',
  'bad',
  20260101,
];
const roles = [U, U, U, U, ...ds.roles.all.map((r) => r.id), 'nope', 'PACS-ADMINISTRATOR'];
const offers = [
  { base: 90000 },
  { base: 90000, bonus: 5000 },
  { base: 45000.5 },
  { base: 250000, bonus: 0 },
  { base: 1 },
  { base: 0 },
  { base: -5 },
  { base: 1e9 },
  { base: NaN },
  { base: '90000' },
  {},
  { base: 90000, extra: 1 },
  null,
  { base: 100000000, bonus: 100000000 },
  { base: 120000, bonus: -1 },
];
const good = (a: readonly unknown[], valid: number) => (rnd() < 0.97 ? a[Math.floor(rnd() * valid)] : pick(a));
function query(withOffer: boolean): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => {
    if (v !== U) q[k] = v;
  };
  if (rnd() < 0.7) {
    put('role', good(roles, 4 + ds.roles.all.length));
    put('level', good(levels, 7));
    put('yearsExperience', good(years, 21));
    put('region', rnd() < 0.15 ? U : good(regions, ds.regions.all.length));
    put('skills', good(skillSets, 8));
    put('education', good(educations, 9));
    put('asOf', good(asOfs, 7));
    if (withOffer) put('offer', good(offers, 5));
    return q;
  }
  put('role', pick(roles));
  put('level', pick(levels));
  put('yearsExperience', pick(years));
  put('region', rnd() < 0.15 ? U : pick(regions));
  put('skills', pick(skillSets));
  put('education', pick(educations));
  put('asOf', pick(asOfs));
  if (withOffer) put('offer', pick(offers));
  if (rnd() < 0.02) q.unknownField = 1;
  return q;
}
function show(f: () => unknown): string {
  try {
    return JSON.stringify(f());
  } catch (e: unknown) {
    const error = e as Error;
    return `ERR ${error?.constructor?.name} ${error?.message} ${JSON.stringify(e)}`;
  }
}
const fd = fs.openSync(outFile, 'w');
let nLines = 0,
  nErr = 0,
  nMis = 0;
const out = {
  push(l: string) {
    nLines++;
    if (l.includes(' ERR ')) nErr++;
    if (l.includes('MISMATCH') || l.includes('MUTATED') || l.includes('NOT-FROZEN')) nMis++;
    fs.writeSync(fd, `${l}\n`);
  },
};
const N = Number(count ?? 40000);
const extra: [string, (q: Record<string, unknown>) => unknown][] = [
  ['projectPay', (q) => core.projectPay(ds, { ...q, horizonYears: 5 })],
  ['buildPayBand', (q) => core.buildPayBand(ds, q)],
  [
    'compareRegions',
    (q) => {
      const { region, asOf, ...r } = q;
      return core.compareRegions(ds, { ...r, regions: ['us-ny-new-york', 'us-tx-houston', region].filter((x) => x !== U) } as never);
    },
  ],
  [
    'compareOccupations',
    (q) => {
      const { region, asOf, ...r } = q;
      return core.compareOccupations(ds, r);
    },
  ],
  [
    'buildCareerPath',
    (q) => {
      const { level, asOf, ...r } = q;
      return core.buildCareerPath(ds, r);
    },
  ],
];
for (let i = 0; i < N; i++) {
  const q = query(false);
  const before = JSON.stringify(q);
  const a = show(() => core.estimateSalary(ds, q as never));
  const b = show(() => core.estimateSalary(ds, q as never));
  const c = show(() => core.estimateSalary(ds, q as never));
  out.push(`E ${before} ${a}${a === b && b === c ? '' : ' MEMO-MISMATCH'}${JSON.stringify(q) === before ? '' : ' MUTATED'}`);
  const bq = query(true);
  const bb = JSON.stringify(bq);
  const x = show(() => core.benchmarkOffer(ds, bq as never));
  const y = show(() => core.benchmarkOffer(ds, bq as never));
  const z = show(() => core.benchmarkOffer(ds, bq as never));
  out.push(`B ${bb} ${x}${x === y && y === z ? '' : ' MEMO-MISMATCH'}${JSON.stringify(bq) === bb ? '' : ' MUTATED'}`);
  if (i % 8 === 0) for (const [name, f] of extra) out.push(`${name} ${before} ${show(() => f(q))}`);
}

// Grid: every region x level x years x skill set (estimate + benchmark + frozen check)
const gLevels = [U, 'entry', 'mid', 'senior', 'manager', 'director'];
const gYears = [U, 0, 1, 2.5, 3, 4.75, 5, 8, 12.345678, 20, 35];
const gSkills = [
  U,
  ['dicom'],
  ['dicom', 'hl7', 'troubleshooting'],
  ['leadership', 'decision-making', 'budgeting', 'team-building'],
  ['dicom', 'leadership', 'decision-making', 'budgeting', 'team-building'],
];
const gOffers = [
  { base: 30000 },
  { base: 70000, bonus: 3000 },
  { base: 95000 },
  { base: 99999.99, bonus: 0.5 },
  { base: 140000 },
  { base: 400000, bonus: 20000 },
];
let gi = 0;
const deepFrozen = (v: unknown): boolean =>
  typeof v !== 'object' || v === null || (Object.isFrozen(v) && Object.values(v).every(deepFrozen));
for (const region of [U, ...ds.regions.all.map((r) => r.id)])
  for (const level of gLevels)
    for (const y of gYears)
      for (const skills of gSkills) {
        const q: Record<string, unknown> = {};
        if (region !== U) q.region = region;
        if (level !== U) q.level = level;
        if (y !== U) q.yearsExperience = y;
        if (skills !== U) q.skills = skills;
        if (gi % 3 === 0) q.education = pick(['bachelors', 'mba', 'associate']);
        if (gi % 7 === 0) q.asOf = pick(['2026-01-01', '2030-06-15', '2023-03-01']);
        const offer = gOffers[gi % gOffers.length];
        gi++;
        let fr = '';
        try {
          const e = core.estimateSalary(ds, q as never);
          fr += deepFrozen(e) ? '' : ' NOT-FROZEN';
        } catch {}
        try {
          const e = core.benchmarkOffer(ds, { ...q, offer } as never);
          fr += deepFrozen(e) ? '' : ' NOT-FROZEN-B';
        } catch {}
        out.push(`G ${JSON.stringify(q)} ${show(() => core.estimateSalary(ds, q as never))}${fr}`);
        out.push(`GB ${JSON.stringify(offer)} ${show(() => core.benchmarkOffer(ds, { ...q, offer } as never))}`);
        for (const o of gOffers)
          out.push(
            `GJ ${show(() => {
              const b = core.benchmarkOffer(ds, { ...q, offer: o } as never);
              return [b.percentile, b.compaRatio, b.rangePenetration, b.verdict, b.delta, b.counterOffer, b.total];
            })}`,
          );
      }
// The bench's own queries: warm profiles with offers, cold (fractional years) with offers
const wp = makeProfiles(ds, 1000, 1);
const wo = withOffers(wp, 10007, 2);
for (let i = 0; i < wo.length; i++) {
  out.push(`W ${show(() => core.benchmarkOffer(ds, wo[i] as never))}`);
  if (i < 1000) out.push(`WE ${show(() => core.estimateSalary(ds, wp[i] as never))}`);
}
const cp = makeProfiles(ds, 5000, 3, true, 123456);
const co = withOffers(cp, cp.length, 4);
for (let i = 0; i < cp.length; i++) {
  out.push(`CE ${show(() => core.estimateSalary(ds, cp[i] as never))}`);
  out.push(`CB ${show(() => core.benchmarkOffer(ds, co[i] as never))}`);
}
// judgeOffer directly and bulk
const m = core.estimateSalary(ds, { level: 'mid' });
for (const o of gOffers) out.push(`J ${show(() => core.judgeOffer(m, o))} ${Object.isFrozen(core.judgeOffer(m, o).delta)}`);
{
  const res: unknown[] = [];
  for await (const r of core.benchmarkOffers(ds, wo.slice(0, 3000) as never)) res.push(r);
  for (const r of res) out.push(`BULK ${JSON.stringify(r)}`);
}
// Non-object inputs
for (const v of [null, undefined, 5, 'x', [], [1], new Date(0)]) {
  out.push(`E* ${String(v)} ${show(() => core.estimateSalary(ds, v as never))}`);
  out.push(`B* ${String(v)} ${show(() => core.benchmarkOffer(ds, v as never))}`);
}
fs.closeSync(fd);
console.log(nLines, 'lines;', nErr, 'errors;', nMis, 'mismatches');
