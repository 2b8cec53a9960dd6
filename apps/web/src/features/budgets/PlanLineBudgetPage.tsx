/** The budget of one plan line (issue 11 point 2): reached from the annual plan's line ("Kinh phí"). */
import { Breadcrumb, Card, Flex, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { usePageTitle } from '../../shared/hooks';
import { BudgetPanel } from './BudgetPanel';

export default function PlanLineBudgetPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  usePageTitle(t('budget.lineTitle'));
  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to="/plans">{t('nav.plans')}</Link> }, { title: t('budget.lineTitle') }]} />
      <h1 className="nt-h1">{t('budget.lineTitle')}</h1>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('budget.lineIntro')}
      </Typography.Paragraph>
      <Card>{Number.isSafeInteger(id) && id > 0 ? <BudgetPanel kind="line" id={id} /> : null}</Card>
    </Flex>
  );
}
