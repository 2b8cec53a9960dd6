/**
 * The versioned items' logic without React (the editors are versioning.tsx): the state of a rule or
 * standard on a date, the version form's values to and from the API, and the server's field errors
 * placed at the form field their path names.
 */
import type { FormInstance } from 'antd';
import type { QueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { ErrorDetail } from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
import type { Locale } from '../../i18n';
import { fieldErrorMessage } from '../../shared/errors';
import { toDayjs, toIso } from '../../shared/dates';

/** What every version carries (rules.ts versionMeta). */
export interface VersionLike {
  version: number;
  description: string;
  source: { code: string; title: string; issuer: string; issuedOn: string; article?: string };
  period: { from: string; to: string | null };
  corrects: number | null;
  supersededBy: number | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  active: boolean;
  inForce: boolean;
}

/** A rule or a standard: the version in force on the answer's date, and every version. */
export interface Versioned<V extends VersionLike> {
  current: V | null;
  versions: readonly V[];
}

export type VersionedState = 'in_force' | 'future' | 'ended';

/** In force on asOf, entered to start later, or no longer in force. */
export function versionedState(item: Versioned<VersionLike>, asOf: string): VersionedState {
  if (item.current) return 'in_force';
  return item.versions.some((v) => v.active && v.period.from > asOf) ? 'future' : 'ended';
}

/**
 * What a list row shows of an item: the version in force (else the newest), its state, and a change
 * already entered that starts later.
 */
export function summaryOf<V extends VersionLike>(item: Versioned<V>, asOf: string) {
  return {
    shown: item.current ?? item.versions[item.versions.length - 1],
    state: versionedState(item, asOf),
    next: item.current ? item.versions.find((v) => v.active && v.period.from > asOf) : undefined,
  };
}

export interface MetaValues {
  mode: 'change' | 'correct';
  corrects?: number | null;
  description: string;
  source: { code: string; title: string; issuer: string; issuedOn: Dayjs | null; article?: string };
  period: { from: Dayjs | null; to?: Dayjs | null };
  note?: string;
}

/** The form's starting values from a version (the latest, or the one being corrected). */
export function metaFromVersion(v: VersionLike | undefined, mode: MetaValues['mode'] = 'change'): MetaValues {
  return {
    mode,
    corrects: mode === 'correct' ? (v?.version ?? null) : null,
    description: v?.description ?? '',
    source: {
      code: v?.source.code ?? '',
      title: v?.source.title ?? '',
      issuer: v?.source.issuer ?? '',
      issuedOn: toDayjs(v?.source.issuedOn),
      article: v?.source.article ?? '',
    },
    period: mode === 'correct' && v ? { from: toDayjs(v.period.from), to: toDayjs(v.period.to) } : { from: null, to: null },
    note: '',
  };
}

/** The API's version fields from the form. */
export function versionBody(v: MetaValues, baseVersion: number) {
  return {
    description: v.description.trim(),
    source: {
      code: v.source.code.trim(),
      title: v.source.title.trim(),
      issuer: v.source.issuer.trim(),
      issuedOn: toIso(v.source.issuedOn) ?? '',
      ...(v.source.article?.trim() ? { article: v.source.article.trim() } : {}),
    },
    period: { from: toIso(v.period.from) ?? '', to: toIso(v.period.to) },
    note: v.note?.trim() || null,
    ...(v.mode === 'correct' && v.corrects ? { corrects: v.corrects } : {}),
    baseVersion,
  };
}

export type Segment = string | number;

/**
 * After rules, standards or job-position fields change, the answers computed from them are stale:
 * eligibility and candidate lists (rules, fields; standards rank candidates), gaps (standards).
 */
export async function invalidateAnswers(qc: QueryClient, what: 'rules' | 'standards' | 'fields'): Promise<void> {
  const keys = new Set(what === 'standards' ? ['gaps', 'eligibility'] : ['eligibility']);
  await Promise.all([
    qc.invalidateQueries({ queryKey: [what === 'fields' ? 'job-positions' : what] }),
    qc.invalidateQueries({ queryKey: ['candidates'] }),
    qc.invalidateQueries({
      predicate: (q) => (q.queryKey[0] === 'people' || q.queryKey[0] === 'units') && keys.has(String(q.queryKey[2])),
    }),
  ]);
}

/** 'params.anyOf[1].rankCodes[0]' or 'params.anyOf.1.rankCodes.0' → ['params', 'anyOf', 1, 'rankCodes', 0]. */
export function pathSegments(path: string): Segment[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const startsWith = (a: readonly Segment[], b: readonly Segment[]) => b.length <= a.length && b.every((x, i) => a[i] === x);

/**
 * The form field a server path names: the field itself; else the first field under it ('period' →
 * period.from, 'params' → the kind's first field, 'params.anyOf[0]' → that group's first field);
 * else the nearest field above it ('params.titleCodes[2]' → params.titleCodes).
 */
export function fieldForPath(registered: readonly Segment[][], path: string): Segment[] | null {
  const segs = pathSegments(path);
  if (segs.length === 0) return null;
  const exact = registered.find((n) => n.length === segs.length && startsWith(n, segs));
  if (exact) return exact;
  const below = registered.find((n) => startsWith(n, segs));
  if (below) return below;
  const above = registered.filter((n) => startsWith(segs, n)).sort((a, b) => b.length - a.length)[0];
  return above ?? null;
}

/** Removes every field's error (after the form was refilled from another version). */
export function clearErrors(form: FormInstance): void {
  form.setFields(form.getFieldsError().map((f) => ({ name: f.name, errors: [] })));
}

/**
 * Puts the server's field errors under the form fields their paths name (the first one scrolled
 * into view); returns those that name no field of the form, to show above it.
 */
export function placeServerErrors(form: FormInstance, err: unknown, locale: Locale): ErrorDetail[] {
  if (!isApiError(err) || err.details.length === 0) return [];
  const registered = form.getFieldsError().map((f) => f.name as Segment[]);
  const byField = new Map<string, { name: Segment[]; errors: string[] }>();
  const rest: ErrorDetail[] = [];
  for (const d of err.details) {
    const name = fieldForPath(registered, d.path);
    if (!name) {
      rest.push(d);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    const msg = fieldErrorMessage(d, locale);
    if (!entry.errors.includes(msg)) entry.errors.push(msg);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  const first = [...byField.values()][0];
  if (first) form.scrollToField(first.name, { block: 'center' });
  return rest;
}
