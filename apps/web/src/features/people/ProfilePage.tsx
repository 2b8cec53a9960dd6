import { useState } from 'react';
import { Breadcrumb, Button, Card, Result, Tabs, type TabsProps } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { peopleApi } from '../../api/endpoints';
import { allows } from '../../app/actions';
import { usePages } from '../../app/navigation';
import { useI18n } from '../../i18n';
import { useIsMobile, usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { PersonFormDrawer } from './PersonFormDrawer';
import { PersonHeader } from './PersonHeader';
import { AppraisalsTab } from './tabs/AppraisalsTab';
import { AssignmentsTab } from './tabs/AssignmentsTab';
import { AuditTab } from './tabs/AuditTab';
import { GeneralTab } from './tabs/GeneralTab';
import { PlanningTab } from './tabs/PlanningTab';
import { QualificationsTab } from './tabs/QualificationsTab';
import { EligibilityTab } from '../eligibility/EligibilityTab';
import { GapsTab } from '../eligibility/GapsTab';
import { OutsideTrainingsTab } from '../outside/OutsideTrainingsTab';
import { CommitmentsTab } from '../reimbursement/CommitmentsTab';
import { useCurrentUser } from '../../app/session';

const TABS = ['general', 'gaps', 'eligibility', 'qualifications', 'outside', 'commitments', 'assignments', 'planning', 'appraisals', 'history'] as const;
type TabKey = (typeof TABS)[number];

export default function ProfilePage() {
  const { t, formatNumber } = useI18n();
  const params = useParams();
  const id = Number(params.id);
  const validId = Number.isInteger(id) && id > 0;
  const pages = usePages();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const [editing, setEditing] = useState(false);

  const q = useQuery({ queryKey: ['people', id], queryFn: () => peopleApi.get(id), enabled: validId });
  usePageTitle(q.data?.fullName ?? t('profile.title'));

  // outside trainings are read by those who send people to study (the API's nominations.write)
  const seesOutside = useCurrentUser().permissions.includes('nominations.write');
  const tabParam = sp.get('tab');
  const canAudit = allows(q.data, 'viewHistory');
  const tab: TabKey = TABS.includes(tabParam as TabKey) && (tabParam !== 'history' || canAudit) && (tabParam !== 'outside' || seesOutside) ? (tabParam as TabKey) : 'general';
  const canEdit = allows(q.data, 'update');

  if (!validId || (q.isError && isApiError(q.error) && q.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('profile.notFoundTitle')}
        subTitle={t('profile.notFoundText')}
        extra={
          pages.registry && (
            <Link to="/people">
              <Button type="primary">{t('profile.backToRegistry')}</Button>
            </Link>
          )
        }
      />
    );
  }
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;

  const count = (n: number) => (n > 0 ? ` (${formatNumber(n)})` : '');
  const items: TabsProps['items'] = [
    { key: 'general', label: t('profile.tab.general'), children: <GeneralTab person={p} /> },
    { key: 'gaps', label: t('gaps.tab'), children: <GapsTab personId={p.id} /> },
    { key: 'eligibility', label: t('elig.tab'), children: <EligibilityTab personId={p.id} /> },
    {
      key: 'qualifications',
      label: t('profile.tab.qualifications') + count(p.qualifications.length),
      children: <QualificationsTab person={p} canEdit={canEdit} />,
    },
    ...(seesOutside ? [{ key: 'outside', label: t('out.tab'), children: <OutsideTrainingsTab personId={p.id} /> }] : []),
    { key: 'commitments', label: t('cmt.tab'), children: <CommitmentsTab personId={p.id} /> },
    {
      key: 'assignments',
      label: t('profile.tab.assignments') + count(p.assignments.length),
      children: <AssignmentsTab person={p} canEdit={canEdit} />,
    },
    { key: 'planning', label: t('profile.tab.planning') + count(p.planningEntries.length), children: <PlanningTab person={p} canEdit={canEdit} /> },
    { key: 'appraisals', label: t('profile.tab.appraisals') + count(p.appraisals.length), children: <AppraisalsTab person={p} canEdit={canEdit} /> },
  ];
  if (canAudit) items.push({ key: 'history', label: t('profile.tab.history'), children: <AuditTab personId={p.id} /> });

  return (
    <>
      {pages.registry && (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={[{ title: <Link to="/people">{t('registry.title')}</Link> }, { title: p.fullName }]}
        />
      )}
      <PersonHeader
        person={p}
        actions={
          canEdit && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('profile.edit')}
            </Button>
          )
        }
      />
      <Card style={{ marginTop: 16 }} styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setSp(k === 'general' ? {} : { tab: k }, { replace: true })}
          items={items}
          size={isMobile ? 'small' : 'middle'}
          aria-label={t('profile.tabs')}
        />
      </Card>
      {canEdit && (
        <PersonFormDrawer
          open={editing}
          person={p}
          onClose={() => setEditing(false)}
          onReload={async () => {
            await qc.invalidateQueries({ queryKey: ['people', p.id], exact: true });
            return qc.getQueryData(['people', p.id]);
          }}
          onSaved={() => setEditing(false)}
        />
      )}
    </>
  );
}
