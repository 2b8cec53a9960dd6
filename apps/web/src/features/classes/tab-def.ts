/** The shape of one tab of the class page (CLASS_TABS in tabs.tsx, LEARNER_CLASS_TABS in features/learning). */
import type { ReactNode } from 'react';
import type { ClassAction, ClassDetail } from '@nang-tam/contracts';
import type { TFunction } from '../../i18n';

export interface ClassTabContext {
  cls: ClassDetail;
  /** The class's `actions` include this one (the server's class policy decided). */
  allows: (a: ClassAction) => boolean;
  t: TFunction;
  /** The signed-in user's permissions (tabs not decided by the class policy, e.g. support payment lists). */
  permissions?: readonly string[];
}

export interface ClassTabDef {
  /** Unique; the URL's ?tab= value. The first visible tab is the default. */
  key: string;
  label: (ctx: ClassTabContext) => ReactNode;
  /** Who sees the tab, from the class's `actions` (default: everyone who may read the class). */
  visible?: (ctx: ClassTabContext) => boolean;
  render: (ctx: ClassTabContext) => ReactNode;
}
