import { useId, useMemo } from 'react';
import { Button, Col, Form, Row, Select } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import { AGE_BANDS, GENDERS, PARTY_MEMBERSHIPS, PERSON_CATEGORIES } from '@nang-tam/domain';
import { levelsOf, useReference } from '../../api/reference';
import { useI18n, type MessageKey } from '../../i18n';
import { foldedFilter } from '../../shared/select';
import type { FilterKey, RegistryState } from './filters';

interface Option {
  value: string;
  label: string;
}

interface Props {
  state: RegistryState;
  onChange: (key: FilterKey, value: string | null) => void;
  onClear: () => void;
  /** One column (the phone drawer) instead of a grid. */
  stacked?: boolean;
}

/** The registry filters; every value goes to the URL. */
export function PeopleFilters({ state, onChange, onClear, stacked = false }: Props) {
  const { t, label } = useI18n();
  const { data: ref, isPending } = useReference();
  const idBase = useId();

  const options = useMemo(() => {
    const fromVocab = (list: readonly { code: string; vi: string; en: string }[]): Option[] =>
      list.map((x) => ({ value: x.code, label: label(list, x.code) }));
    const levels = (kind: string): Option[] => [
      ...levelsOf(ref, kind).map((l) => ({ value: l.code, label: l.name })),
      { value: 'none', label: t('filters.levelNone') },
    ];
    const titles = (ref?.titles ?? []).map((x) => ({ value: String(x.id), label: x.name }));
    const ethnicities: Option[] = [
      { value: 'minority', label: t('filters.ethnicMinority') },
      ...(ref?.ethnicities ?? []).map((e) => ({ value: e.code, label: e.name })),
    ];
    return {
      category: fromVocab(PERSON_CATEGORIES),
      titleId: titles,
      managementScopeId: (ref?.managementScopes ?? []).map((x) => ({ value: String(x.id), label: x.name })),
      gender: fromVocab(GENDERS),
      ethnicity: ethnicities,
      ageBand: fromVocab(AGE_BANDS),
      educationLevel: levels('education'),
      politicalTheoryLevel: levels('political_theory'),
      stateManagementLevel: levels('state_management'),
      plannedTitleId: titles,
      planningTerm: (ref?.terms ?? []).map((x) => ({ value: x, label: x })),
      partyMembership: [...fromVocab(PARTY_MEMBERSHIPS), { value: 'unknown', label: t('person.partyUnknown') }],
    } satisfies Record<FilterKey, Option[]>;
  }, [ref, t, label]);

  const fields: { key: FilterKey; label: MessageKey }[] = [
    { key: 'category', label: 'filters.category' },
    { key: 'titleId', label: 'filters.title' },
    { key: 'managementScopeId', label: 'filters.managementScope' },
    { key: 'gender', label: 'filters.gender' },
    { key: 'ethnicity', label: 'filters.ethnicity' },
    { key: 'ageBand', label: 'filters.ageBand' },
    { key: 'educationLevel', label: 'filters.educationLevel' },
    { key: 'politicalTheoryLevel', label: 'filters.politicalTheoryLevel' },
    { key: 'stateManagementLevel', label: 'filters.stateManagementLevel' },
    { key: 'plannedTitleId', label: 'filters.plannedTitle' },
    { key: 'planningTerm', label: 'filters.planningTerm' },
    { key: 'partyMembership', label: 'filters.partyMember' },
  ];
  const active = Object.values(state.filters).filter(Boolean).length;

  return (
    <Form layout="vertical" component="div" style={{ marginBottom: stacked ? 0 : -8 }}>
      <Row gutter={[12, 0]}>
        {fields.map((f) => {
          const id = `${idBase}-${f.key}`;
          const value = state.filters[f.key];
          // A value in the URL that the lists do not (yet) know still shows, as its raw code.
          const opts = options[f.key];
          const known = !value || isPending || opts.some((o) => o.value === value);
          return (
            <Col key={f.key} xs={24} sm={stacked ? 24 : 12} lg={stacked ? 24 : 8} xxl={stacked ? 24 : 6}>
              <Form.Item label={t(f.label)} htmlFor={id} style={{ marginBottom: 12 }}>
                <Select
                  id={id}
                  allowClear
                  showSearch={{ filterOption: foldedFilter }}
                  loading={isPending}
                  placeholder={t('filters.any')}
                  value={value ?? null}
                  options={known ? opts : [...opts, { value: value!, label: value! }]}
                  onChange={(v: string | null | undefined) => onChange(f.key, v ?? null)}
                  popupMatchSelectWidth={false}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
          );
        })}
      </Row>
      {active > 0 && (
        <Button icon={<ClearOutlined />} onClick={onClear} style={{ marginBottom: 12 }}>
          {t('filters.clear', { n: active })}
        </Button>
      )}
    </Form>
  );
}
