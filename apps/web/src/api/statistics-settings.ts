/** The statistics' "young" age limit (decision 0057): its versions, and adding one. */
import type { YoungSettingCreate, YoungSettings } from '@nang-tam/contracts';
import { api } from './client';

export const statisticsSettingsApi = {
  young: (signal?: AbortSignal) => api.get<YoungSettings>('/statistics/settings/young', { signal }),
  addYoung: (body: YoungSettingCreate) => api.post<YoungSettings>('/statistics/settings/young', body),
};
