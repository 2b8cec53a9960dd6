/** The shape of one tab of the class page (CLASS_TABS in tabs.tsx, LEARNER_CLASS_TABS in features/learning). */
import type { ReactNode } from 'react';
import type { ClassDetail, Me } from '@nang-tam/contracts';
import type { Permission } from '@nang-tam/domain';
import type { TFunction } from '../../i18n';

export interface ClassTabContext {
  cls: ClassDetail;
  me: Me;
  can: (p: Permission) => boolean;
  t: TFunction;
}

export interface ClassTabDef {
  /** Unique; the URL's ?tab= value. The first visible tab is the default. */
  key: string;
  label: (ctx: ClassTabContext) => ReactNode;
  /** Who sees the tab (default: everyone who may read the class). */
  visible?: (ctx: ClassTabContext) => boolean;
  render: (ctx: ClassTabContext) => ReactNode;
}
