import { useMemo, type ReactNode } from 'react';
import type { MenuProps } from 'antd';
import { AuditOutlined, BarChartOutlined, BookOutlined, CloudUploadOutlined, SolutionOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { AccountBookOutlined, CalendarOutlined, GlobalOutlined, IdcardOutlined, ReadOutlined, ScheduleOutlined, FormOutlined, UnorderedListOutlined, FundOutlined, ProjectOutlined, FileTextOutlined } from '@ant-design/icons';
import { DashboardOutlined, PieChartOutlined } from '@ant-design/icons';
// the statistics' "young" age limit (indicators-speed, decision 0057)
import { SettingOutlined } from '@ant-design/icons';
import { RiseOutlined } from '@ant-design/icons';
import { AimOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useCurrentUser } from './session';

// The menu's entries and their icons: used by the desktop menu (DesktopNav.tsx) and the phone's
// drawer (MobileNav.tsx), both loaded apart from the layout, so a phone's first screen does not load
// them (docs/decisions/0067).

export function useNavItems(): MenuProps['items'] {
  const me = useCurrentUser();
  const { t } = useI18n();
  return useMemo(() => {
    const items: NonNullable<MenuProps['items']> = [];
    if (me.role === 'learner') {
      if (me.personId) {
        items.push({ key: `/people/${me.personId}`, icon: <UserOutlined aria-hidden />, label: <Link to={`/people/${me.personId}`}>{t('nav.myProfile')}</Link> });
        items.push({ key: '/learning', icon: <ReadOutlined aria-hidden />, label: <Link to="/learning">{t('nav.learning')}</Link> });
        items.push({ key: '/my-support', icon: <AccountBookOutlined aria-hidden />, label: <Link to="/my-support">{t('nav.mySupport')}</Link> });
        // the reaction surveys of the learner's classes (decision 0051)
        items.push({ key: '/surveys', icon: <FormOutlined aria-hidden />, label: <Link to="/surveys">{t('nav.surveys')}</Link> });
      }
      items.push({ key: '/calendar', icon: <ScheduleOutlined aria-hidden />, label: <Link to="/calendar">{t('nav.calendar')}</Link> });
      return items;
    }
    // Top-level entries for the daily pages; the rest sit in two groups ("Đào tạo", "Kế hoạch") so that
    // every role's entries fit a 1440 px bar (issue 14). A group of one entry is shown as that entry.
    type Item = NonNullable<MenuProps['items']>[number];
    const training: Item[] = [];
    const planning: Item[] = [];
    const money: Item[] = [];
    const evaluation: Item[] = [];
    if (me.permissions.includes('people.read')) {
      items.push({ key: '/people', icon: <TeamOutlined aria-hidden />, label: <Link to="/people">{t('nav.registry')}</Link> });
    }
    if (me.permissions.includes('people.import')) {
      items.push({ key: '/imports/people', icon: <CloudUploadOutlined aria-hidden />, label: <Link to="/imports/people">{t('nav.import')}</Link> });
    }
    if (me.permissions.includes('classes.read')) {
      items.push({ key: '/classes', icon: <BookOutlined aria-hidden />, label: <Link to="/classes">{t('nav.classes')}</Link> });
    }
    if (me.permissions.includes('nominations.write')) {
      items.push({ key: '/my-learners', icon: <IdcardOutlined aria-hidden />, label: <Link to="/my-learners">{t('nav.myLearners')}</Link> });
    }
    if (me.role === 'lecturer') {
      items.push({ key: '/teaching', icon: <CalendarOutlined aria-hidden />, label: <Link to="/teaching">{t('nav.teaching')}</Link> });
    }
    // branch lecturer-views (decision 0066): the lecturer's own survey results
    if (me.permissions.includes('reaction.ownResults')) {
      items.push({ key: '/teaching/feedback', icon: <FormOutlined aria-hidden />, label: <Link to="/teaching/feedback">{t('nav.teachingResults')}</Link> });
    }
    if (me.permissions.includes('rules.read')) {
      training.push({ key: '/candidates', icon: <SolutionOutlined aria-hidden />, label: <Link to="/candidates">{t('nav.candidates')}</Link> });
      training.push({ key: '/gaps', icon: <BarChartOutlined aria-hidden />, label: <Link to="/gaps">{t('nav.unitGaps')}</Link> });
    }
    if (me.permissions.includes('nominations.write')) {
      training.push({ key: '/outside-trainings', icon: <GlobalOutlined aria-hidden />, label: <Link to="/outside-trainings">{t('nav.outside')}</Link> });
    }
    // money (issue 11): support for learners, reimbursement, commitments, budgets
    if (me.permissions.includes('support.read')) {
      money.push({ key: '/support', icon: <AccountBookOutlined aria-hidden />, label: <Link to="/support">{t('nav.support')}</Link> });
    }
    if (me.permissions.includes('nominations.approve')) {
      money.push({ key: '/reimbursement-cases', icon: <AccountBookOutlined aria-hidden />, label: <Link to="/reimbursement-cases">{t('nav.reimbursement')}</Link> });
    }
    // an agency's people under commitment
    if (me.permissions.includes('nominations.write')) {
      money.push({ key: '/commitments', icon: <AccountBookOutlined aria-hidden />, label: <Link to="/commitments">{t('nav.commitments')}</Link> });
    }
    // evaluation after training (issue 11 point 4; decision 0051)
    if (me.permissions.includes('evaluation.read')) {
      evaluation.push({ key: '/evaluation', icon: <FundOutlined aria-hidden />, label: <Link to="/evaluation">{t('nav.evaluation')}</Link> });
    }
    if (me.permissions.includes('conduct.write')) {
      evaluation.push({ key: '/feedback', icon: <FormOutlined aria-hidden />, label: <Link to="/feedback">{t('nav.agencyFeedback')}</Link> });
    }
    // evaluation after training: results at two years (issue 11 point 4)
    if ((['classes.manage', 'nominations.approve', 'conduct.write'] as const).some((p) => me.permissions.includes(p))) {
      evaluation.push({ key: '/evaluation/results', icon: <RiseOutlined aria-hidden />, label: <Link to="/evaluation/results">{t('nav.evaluationResults')}</Link> });
    }
    if (me.permissions.includes('rules.read')) {
      training.push({ key: '/catalogue', icon: <UnorderedListOutlined aria-hidden />, label: <Link to="/catalogue">{t('nav.catalogue')}</Link> });
    }
    if (me.permissions.includes('rules.write')) {
      training.push({ key: '/rules', icon: <AuditOutlined aria-hidden />, label: <Link to="/rules">{t('nav.rules')}</Link> });
    }
    if (me.permissions.includes('classes.manage') || me.permissions.includes('nominations.override') || me.permissions.includes('users.manage')) {
      training.push({ key: '/document-settings', icon: <FileTextOutlined aria-hidden />, label: <Link to="/document-settings">{t('nav.documentSettings')}</Link> });
    }
    if (me.permissions.includes('needs.read')) {
      planning.push({ key: '/needs', icon: <FormOutlined aria-hidden />, label: <Link to="/needs">{t('nav.needs')}</Link> });
    }
    if (me.permissions.includes('plans.read')) {
      planning.push({ key: '/plans', icon: <ScheduleOutlined aria-hidden />, label: <Link to="/plans">{t('nav.plans')}</Link> });
      planning.push({ key: '/plans/realisation', icon: <FundOutlined aria-hidden />, label: <Link to="/plans/realisation">{t('nav.realisation')}</Link> });
      planning.push({ key: '/plans/five-year', icon: <ProjectOutlined aria-hidden />, label: <Link to="/plans/five-year">{t('nav.fiveYear')}</Link> });
    }
    if (me.permissions.includes('plans.read')) {
      money.push({ key: '/budgets', icon: <FundOutlined aria-hidden />, label: <Link to="/budgets">{t('nav.budgets')}</Link> });
      // lecturers' rates as versions (decision 0063)
      money.push({ key: '/lecturer-rates', icon: <AccountBookOutlined aria-hidden />, label: <Link to="/lecturer-rates">{t('nav.lecturerRates')}</Link> });
    }
    // training statistics and dashboards (issue 10, decision 0047)
    if (me.permissions.includes('statistics.read')) {
      planning.push({ key: '/dashboard', icon: <DashboardOutlined aria-hidden />, label: <Link to="/dashboard">{t('nav.dashboard')}</Link> });
      planning.push({ key: '/statistics', icon: <PieChartOutlined aria-hidden />, label: <Link to="/statistics">{t('nav.statistics')}</Link> });
    }
    // official statistical reports (issue 10 point 3, decision 0048)
    if (me.permissions.includes('statistics.read')) {
      planning.push({ key: '/reports', icon: <FileTextOutlined aria-hidden />, label: <Link to="/reports">{t('nav.reports')}</Link> });
    }
    if (me.permissions.includes('indicators.read')) {
      planning.push({ key: '/indicators', icon: <AimOutlined aria-hidden />, label: <Link to="/indicators">{t('nav.indicators')}</Link> });
    }
    // the statistics' "young" age limit (indicators-speed, decision 0057)
    if (me.permissions.includes('statistics.read')) {
      planning.push({ key: '/statistics/young-setting', icon: <SettingOutlined aria-hidden />, label: <Link to="/statistics/young-setting">{t('nav.youngSetting')}</Link> });
    }
    const group = (key: string, label: string, icon: ReactNode, entries: Item[]) => {
      if (entries.length === 1) items.push(entries[0]!);
      else if (entries.length > 1) items.push({ key, icon, label, children: entries });
    };
    group('group-training', t('nav.groupTraining'), <ReadOutlined aria-hidden />, training);
    group('group-planning', t('nav.groupPlanning'), <ProjectOutlined aria-hidden />, planning);
    group('group-money', t('nav.groupMoney'), <AccountBookOutlined aria-hidden />, money);
    group('group-evaluation', t('nav.groupEvaluation'), <RiseOutlined aria-hidden />, evaluation);
    if (me.permissions.includes('calendar.read')) {
      items.push({ key: '/calendar', icon: <ScheduleOutlined aria-hidden />, label: <Link to="/calendar">{t('nav.calendar')}</Link> });
    }
    return items;
  }, [me, t]);
}

export function selectedKey(pathname: string, items: MenuProps['items']): string[] {
  const keys = (items ?? [])
    .flatMap((i) => (i && 'children' in i && Array.isArray(i.children) ? i.children : [i]))
    .map((i) => String(i?.key ?? ''));
  const exact = keys.find((k) => k === pathname);
  if (exact) return [exact];
  const prefix = keys.filter((k) => pathname.startsWith(k)).sort((a, b) => b.length - a.length)[0];
  return prefix ? [prefix] : [];
}

