/**
 * The tabs of the class page. Each is one entry of CLASS_TABS: its key (also the URL's ?tab=), its
 * label, who sees it and what it shows. Later screens (attendance, grades, graduation,
 * certificates…) add their entry here; the page shows them in this order.
 */
import type { ClassTabDef } from './tab-def';
import { NominationsTab } from './NominationsTab';
import { OverviewTab } from './OverviewTab';
import { ScheduleTab } from './ScheduleTab';
import { LEARNER_CLASS_TABS } from '../learning/classTabs';
import { DocumentsTab } from '../documents/DocumentsTab';
import { BudgetPanel } from '../budgets/BudgetPanel';
import { ClassSupportTab } from '../support/ClassSupportTab';

export type { ClassTabContext, ClassTabDef } from './tab-def';

export const CLASS_TABS: ClassTabDef[] = [
  {
    key: 'overview',
    label: ({ t }) => t('classTab.overview'),
    render: ({ cls }) => <OverviewTab cls={cls} />,
  },
  {
    key: 'schedule',
    label: ({ t, cls }) => (cls.sessions > 0 ? `${t('classTab.schedule')} (${cls.sessions})` : t('classTab.schedule')),
    render: ({ cls }) => <ScheduleTab cls={cls} />,
  },
  {
    key: 'nominations',
    label: ({ t }) => t('classTab.nominations'),
    render: ({ cls }) => <NominationsTab cls={cls} />,
  },
  ...LEARNER_CLASS_TABS,
  {
    key: 'documents',
    label: ({ t }) => t('classTab.documents'),
    visible: ({ allows }) => allows('printDocuments'),
    render: ({ cls }) => <DocumentsTab cls={cls} />,
  },
  // budgets (issue 11 point 2): the school running the class and the board over it
  {
    key: 'budget',
    label: ({ t }) => t('classTab.budget'),
    visible: ({ allows }) => allows('printDocuments'),
    render: ({ cls }) => <BudgetPanel kind="class" id={cls.id} />,
  },
  // support for learners (issue 11 point 1): the payment list, for those who read payment lists
  {
    key: 'support',
    label: ({ t }) => t('classTab.support'),
    visible: ({ permissions }) => permissions?.includes('support.read') ?? false,
    render: ({ cls }) => <ClassSupportTab cls={cls} />,
  },
];
