/**
 * The learner-following tabs of the class page (appended to CLASS_TABS in features/classes/tabs.tsx):
 * attendance, grades, the home agencies' conduct reports, graduation, certificates.
 */
import type { ClassTabDef } from '../classes/tab-def';
import { AttendanceTab } from '../attendance/AttendanceTab';
import { CertificatesTab } from '../certificates/CertificatesTab';
import { GradesTab } from '../grades/GradesTab';
import { GraduationTab } from '../graduation/GraduationTab';
import { ConductTab } from './ConductTab';

export const LEARNER_CLASS_TABS: ClassTabDef[] = [
  {
    key: 'attendance',
    label: ({ t }) => t('classTab.attendance'),
    visible: ({ can }) => can('attendance.write'),
    render: ({ cls }) => <AttendanceTab cls={cls} />,
  },
  {
    key: 'grades',
    label: ({ t }) => t('classTab.grades'),
    visible: ({ can }) => can('grades.write'),
    render: ({ cls }) => <GradesTab cls={cls} />,
  },
  {
    key: 'conduct',
    label: ({ t }) => t('classTab.conduct'),
    visible: ({ can }) => can('classes.manage') || can('conduct.write'),
    render: ({ cls }) => <ConductTab cls={cls} />,
  },
  {
    key: 'graduation',
    label: ({ t }) => t('classTab.graduation'),
    visible: ({ can }) => can('classes.manage'),
    render: ({ cls }) => <GraduationTab cls={cls} />,
  },
  {
    key: 'certificates',
    label: ({ t }) => t('classTab.certificates'),
    visible: ({ can, cls }) => can('certificates.manage') || cls.status === 'finished',
    render: ({ cls }) => <CertificatesTab cls={cls} />,
  },
];
