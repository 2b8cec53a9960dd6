import { useQuery } from '@tanstack/react-query';
import type { Reference } from '@nang-tam/contracts';
import { referenceApi } from './endpoints';

export const REFERENCE_KEY = ['reference'] as const;

/** Reference lists change rarely: read once per session. */
export function useReference() {
  return useQuery<Reference>({ queryKey: REFERENCE_KEY, queryFn: referenceApi.get, staleTime: Infinity, gcTime: Infinity });
}

export type LevelKind = 'education' | 'political_theory' | 'state_management';

/** Name of a level code of a kind ("cao_cap" → "Cao cấp"); the raw value if unknown. */
export function levelName(ref: Reference | undefined, kind: string, code: string | null | undefined): string {
  if (!code) return '';
  const hit = ref?.qualificationLevels.find((l) => l.kind === kind && l.code === code);
  return hit?.name ?? code;
}

export function levelsOf(ref: Reference | undefined, kind: string) {
  return (ref?.qualificationLevels ?? []).filter((l) => l.kind === kind).sort((a, b) => a.rank - b.rank);
}
