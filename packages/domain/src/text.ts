/**
 * Diacritic-insensitive text handling for Vietnamese.
 * "Nguyễn Văn An" → "nguyen van an"; đ/Đ fold to d, which NFD alone does not do.
 */
export function foldVietnamese(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a search query, folded, without empty parts or LIKE wildcards. */
export function searchWords(query: string): string[] {
  return foldVietnamese(query)
    .replace(/[%_\\]/g, ' ')
    .split(' ')
    .filter((w) => w.length > 0)
    .slice(0, 8);
}

/**
 * Key that sorts people as Vietnamese lists do: by given name (the last word), then the whole name.
 * "Nguyễn Văn An" → "an nguyen van an".
 */
export function nameSortKey(fullName: string): string {
  const folded = foldVietnamese(fullName);
  const words = folded.split(' ');
  return `${words[words.length - 1] ?? ''} ${folded}`;
}

/** Collapses runs of white space and trims; used on every free-text field at the edge. */
export function normaliseSpaces(input: string): string {
  return input.normalize('NFC').replace(/\s+/g, ' ').trim();
}
