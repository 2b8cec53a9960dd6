/** Typed calls of the programme catalogue API (issue 9): list as of a date, one programme with its history, create, new version. */
import type {
  CatalogueList,
  CatalogueProgrammeDetail,
  CatalogueVocabulary,
  ProgrammeCreateInput,
  ProgrammeVersionInput,
} from '@nang-tam/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface CatalogueFilter {
  asOf?: string | null;
  kind?: string | null;
  organiserType?: string | null;
  q?: string | null;
}

export const catalogueApi = {
  list: (f: CatalogueFilter) =>
    api.get<CatalogueList>('/catalogue/programmes', {
      query: { asOf: f.asOf, kind: f.kind, organiserType: f.organiserType, q: f.q || null },
    }),
  programme: (code: string, asOf?: string | null) =>
    api.get<CatalogueProgrammeDetail>(`/catalogue/programmes/${encodeURIComponent(code)}`, { query: { asOf } }),
  vocabulary: () => api.get<CatalogueVocabulary>('/catalogue/vocabulary'),
  create: (body: ProgrammeCreateInput) => api.post<CatalogueProgrammeDetail>('/catalogue/programmes', body),
  addVersion: (code: string, body: ProgrammeVersionInput) =>
    api.post<CatalogueProgrammeDetail>(`/catalogue/programmes/${encodeURIComponent(code)}/versions`, body),
};

/** The editor's vocabularies change only with a release: read once per session. */
export function useCatalogueVocabulary() {
  return useQuery({ queryKey: ['catalogue', 'vocabulary'], queryFn: catalogueApi.vocabulary, staleTime: Infinity });
}
