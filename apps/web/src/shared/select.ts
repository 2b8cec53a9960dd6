import { foldVietnamese } from '@nang-tam/domain';

/** Select search that ignores diacritics: "quan ly" finds "Quản lý". */
export function foldedFilter(input: string, option?: { label?: unknown; searchText?: string }): boolean {
  const text = option?.searchText ?? (typeof option?.label === 'string' ? option.label : '');
  return foldVietnamese(text).includes(foldVietnamese(input));
}

/** showSearch settings for antd Select / TreeSelect over Vietnamese labels. */
export const foldedSearch = { filterOption: foldedFilter } as const;
