import { describe, expect, it } from 'vitest';
import { SHIPPED_PROGRAMMES } from '../rules/seed.js';
import { validateModules } from './classes.js';
import { DEFAULT_GRADING_SCHEME, PROGRAMME_GRADUATION_CONDITIONS, SHIPPED_CATALOGUE, graduationConditionsFor, shippedCatalogueOf } from './seed.js';

describe('shipped programme catalogue', () => {
  it('describes only shipped programmes', () => {
    const shipped = new Set(SHIPPED_PROGRAMMES.map((p) => p.code));
    expect(Object.keys(SHIPPED_CATALOGUE).filter((code) => !shipped.has(code))).toEqual([]);
  });

  it.each(Object.entries(SHIPPED_CATALOGUE))('%s: modules a class can copy (distinct codes, whole positive periods)', (_code, entry) => {
    expect(entry.duration).not.toBe('');
    expect(validateModules(entry.modules)).toEqual([]);
  });

  it('gives a programme the default scheme, its own conditions, and its duration and modules', () => {
    const tc = shippedCatalogueOf({ code: 'TC_LLCT', kind: 'political_theory' });
    expect(tc.gradingScheme).toBe(DEFAULT_GRADING_SCHEME);
    expect(tc.graduationConditions).toBe(PROGRAMME_GRADUATION_CONDITIONS.TC_LLCT);
    expect(tc.duration).toBe(SHIPPED_CATALOGUE.TC_LLCT!.duration);
    expect(tc.modules.map((m) => m.code)).toEqual(['TC.1', 'TC.2', 'TC.3', 'TC.4', 'TC.5', 'TC.6']);
  });

  it('gives a programme it does not ship no duration and no modules, and its kind’s conditions', () => {
    const other = shippedCatalogueOf({ code: 'BD_KHAC', kind: 'thematic' });
    expect(other).toEqual({
      duration: null,
      gradingScheme: DEFAULT_GRADING_SCHEME,
      graduationConditions: graduationConditionsFor({ code: 'BD_KHAC', kind: 'thematic' }),
      modules: [],
    });
  });
});
