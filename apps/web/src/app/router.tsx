import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation, useParams } from 'react-router-dom';
import { setCsrfRefresher, setUnauthorisedHandler } from '../api/client';
import { PageLoading } from '../shared/PageState';
import { HomeRedirect, NotFoundPage, RequireAuth, RequirePermission, RequireStaff } from './guards';
import { queryClient } from './query-client';
import { fetchMe, followSignIns, markSessionExpired, signOut } from './session';
import { startPendingCheckinSync } from '../features/checkin/pending';
import { setNavigator } from '../public/nav';
import { PublicPage } from '../public/PublicPage';
import { AppLayout } from './AppLayout';

// every page is its own chunk; /login, /verify and /checkin are in the entry (public/shell.tsx renders
// them without this router until another page is opened: 0060). The signed-in layout is in the app's
// chunk: every signed-in page renders in it, and with it the antd parts it shares with the pages are
// one chunk instead of a dozen small ones (fewer round trips on a first visit, docs/decisions/0067).
const RegistryPage = lazy(() => import('../features/registry/RegistryPage'));
const ProfilePage = lazy(() => import('../features/people/ProfilePage'));
const ImportPage = lazy(() => import('../features/imports/ImportPage'));
const CandidatesPage = lazy(() => import('../features/eligibility/CandidatesPage'));
const UnitGapsPage = lazy(() => import('../features/eligibility/UnitGapsPage'));
const RulesPage = lazy(() => import('../features/rules/RulesPage'));
const CataloguePage = lazy(() => import('../features/catalogue/CataloguePage'));
const ProgrammeCataloguePage = lazy(() => import('../features/catalogue/ProgrammeCataloguePage'));
const ClassesPage = lazy(() => import('../features/classes/ClassesPage'));
const ClassPage = lazy(() => import('../features/classes/ClassPage'));
const OutsideTrainingsPage = lazy(() => import('../features/outside/OutsideTrainingsPage'));
const OutsideTrainingPage = lazy(() => import('../features/outside/OutsideTrainingPage'));
const CasesPage = lazy(() => import('../features/reimbursement/CasesPage'));
const CasePage = lazy(() => import('../features/reimbursement/CasePage'));
// budgets and the agency's people under commitment (issue 11)
const BudgetReportPage = lazy(() => import('../features/budgets/BudgetReportPage'));
const PlanLineBudgetPage = lazy(() => import('../features/budgets/PlanLineBudgetPage'));
const LecturerRatesPage = lazy(() => import('../features/budgets/LecturerRatesPage'));
const CommitmentsPage = lazy(() => import('../features/reimbursement/CommitmentsPage'));
// evaluation after training (issue 11 point 4; decision 0051)
const MySurveysPage = lazy(() => import('../features/feedback/MySurveysPage'));
const SurveyAnswerPage = lazy(() => import('../features/feedback/SurveyAnswerPage'));
const EvaluationPage = lazy(() => import('../features/feedback/EvaluationPage'));
const ClassSurveyPage = lazy(() => import('../features/feedback/ClassSurveyPage'));
const AgencyFeedbackPage = lazy(() => import('../features/feedback/AgencyFeedbackPage'));
// official statistical reports (issue 10 point 3, decision 0048)
const ReportsPage = lazy(() => import('../features/reports/ReportsPage'));
const FormEditorPage = lazy(() => import('../features/reports/FormEditorPage'));
// evaluation after training: results at two years (issue 11 point 4)
const EvaluationResultsPage = lazy(() => import('../features/evaluation/ResultsPage'));
const EvaluationCampaignsPage = lazy(() => import('../features/evaluation/CampaignsPage'));
const EvaluationCampaignPage = lazy(() => import('../features/evaluation/CampaignPage'));
const AnnualPlanPage = lazy(() => import('../features/plans/AnnualPlanPage'));
const RealisationPage = lazy(() => import('../features/plans/RealisationPage'));
const FiveYearPage = lazy(() => import('../features/plans/FiveYearPage'));
// training statistics and dashboards (issue 10, decision 0047)
const StatisticsPage = lazy(() => import('../features/statistics/StatisticsPage'));
const DashboardPage = lazy(() => import('../features/statistics/DashboardPage'));
// indicators (issue 10 point 1)
const IndicatorsPage = lazy(() => import('../features/indicators/IndicatorsPage'));
const IndicatorPage = lazy(() => import('../features/indicators/IndicatorPage'));
// the statistics' "young" age limit (indicators-speed, decision 0057)
const YoungSettingPage = lazy(() => import('../features/statistics-settings/YoungSettingPage'));
const MyLearningPage = lazy(() => import('../features/learning/MyLearningPage'));
// support for learners (issue 11 point 1)
const SupportPage = lazy(() => import('../features/support/SupportPage'));
const MySupportPage = lazy(() => import('../features/support/MySupportPage'));
const MyLearnersPage = lazy(() => import('../features/my-learners/MyLearnersPage'));
const DocumentSettingsPage = lazy(() => import('../features/documents/DocumentSettingsPage'));
const TeachingPage = lazy(() => import('../features/learning/TeachingPage'));
// branch lecturer-views (decision 0066): the lecturer's own survey results
const TeachingResultsPage = lazy(() => import('../features/feedback/TeachingResultsPage'));
const CalendarPage = lazy(() => import('../features/calendar/CalendarPage'));
const NotificationsPage = lazy(() => import('../features/notifications/NotificationsPage'));
const NeedsCampaignsPage = lazy(() => import('../features/needs/NeedsCampaignsPage'));
const NeedsCampaignPage = lazy(() => import('../features/needs/NeedsCampaignPage'));
const NeedsAnswerPage = lazy(() => import('../features/needs/NeedsAnswerPage'));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}

/** Remounts the profile when the id changes, so no state leaks from one person to another. */
function ProfileRoute() {
  const { id } = useParams();
  return <ProfilePage key={id} />;
}

/** Remounts the programme page when the code changes. */
function ProgrammeCatalogueRoute() {
  const { code } = useParams();
  return <ProgrammeCataloguePage key={code} />;
}

/** Remounts the outside-training page when the id changes. */
function OutsideTrainingRoute() {
  const { id } = useParams();
  return <OutsideTrainingPage key={id} />;
}

/** Remounts the indicator page when the id changes. */
function IndicatorRoute() {
  const { id } = useParams();
  return <IndicatorPage key={id} />;
}

/** Remounts the reimbursement case page when the id changes. */
function CaseRoute() {
  const { id } = useParams();
  return <CasePage key={id} />;
}

/** Remounts the needs pages when the campaign or the unit changes. */
function NeedsCampaignRoute() {
  const { id } = useParams();
  return <NeedsCampaignPage key={id} />;
}
function NeedsAnswerRoute() {
  const { id, unitId } = useParams();
  return <NeedsAnswerPage key={`${id}/${unitId}`} />;
}

/** Remounts the class page when the id changes. */
function ClassRoute() {
  const { id } = useParams();
  return <ClassPage key={id} />;
}

/** /login, /verify/:code and /checkin/:token once the signed-in app runs: the same plain pages. */
function PublicRoute() {
  const { pathname } = useLocation();
  return <PublicPage pathname={pathname} />;
}

export const router = createBrowserRouter([
  { path: '/login', element: <PublicRoute /> },
  // public: a certificate's QR code opens its verification page without a login
  { path: '/verify/:code', element: <PublicRoute /> },
  // a learner's phone: the scan is kept on the phone first, so the page works before any login or network
  { path: '/checkin/:token', element: <PublicRoute /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: (
          <Lazy>
            <AppLayout />
          </Lazy>
        ),
        children: [
          { index: true, element: <HomeRedirect /> },
          {
            path: 'people',
            element: (
              <RequireStaff permission="people.read">
                <Lazy>
                  <RegistryPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'people/:id',
            element: (
              <RequirePermission permission="people.read">
                <Lazy>
                  <ProfileRoute />
                </Lazy>
              </RequirePermission>
            ),
          },
          {
            path: 'imports/people',
            element: (
              <RequireStaff permission="people.import">
                <Lazy>
                  <ImportPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'candidates',
            element: (
              <RequireStaff permission="rules.read">
                <Lazy>
                  <CandidatesPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'gaps',
            element: (
              <RequireStaff permission="rules.read">
                <Lazy>
                  <UnitGapsPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'rules',
            element: (
              <RequireStaff permission="rules.write">
                <Lazy>
                  <RulesPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'catalogue',
            element: (
              <RequireStaff permission="rules.read">
                <Lazy>
                  <CataloguePage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'plans',
            element: (
              <RequireStaff permission="plans.read">
                <Lazy>
                  <AnnualPlanPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'catalogue/:code',
            element: (
              <RequireStaff permission="rules.read">
                <Lazy>
                  <ProgrammeCatalogueRoute />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'plans/realisation',
            element: (
              <RequireStaff permission="plans.read">
                <Lazy>
                  <RealisationPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          // training statistics and dashboards (issue 10, decision 0047)
          {
            path: 'statistics',
            element: (
              <RequireStaff permission="statistics.read">
                <Lazy>
                  <StatisticsPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'dashboard',
            element: (
              <RequireStaff permission="statistics.read">
                <Lazy>
                  <DashboardPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'plans/five-year',
            element: (
              <RequireStaff permission="plans.read">
                <Lazy>
                  <FiveYearPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'indicators',
            element: (
              <RequireStaff permission="indicators.read">
                <Lazy>
                  <IndicatorsPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          // the statistics' "young" age limit (indicators-speed, decision 0057)
          {
            path: 'statistics/young-setting',
            element: (
              <RequireStaff permission="statistics.read">
                <Lazy>
                  <YoungSettingPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'indicators/:id',
            element: (
              <RequireStaff permission="indicators.read">
                <Lazy>
                  <IndicatorRoute />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'classes',
            element: (
              <RequireStaff permission="classes.read">
                <Lazy>
                  <ClassesPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'classes/:id',
            element: (
              <RequireStaff permission="classes.read">
                <Lazy>
                  <ClassRoute />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'outside-trainings',
            element: (
              <RequireStaff permission="nominations.write">
                <Lazy>
                  <OutsideTrainingsPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'outside-trainings/:id',
            element: (
              <RequireStaff permission="nominations.write">
                <Lazy>
                  <OutsideTrainingRoute />
                </Lazy>
              </RequireStaff>
            ),
          },
          // official statistical reports (issue 10 point 3, decision 0048)
          {
            path: 'reports',
            element: (
              <RequireStaff permission="statistics.read">
                <Lazy>
                  <ReportsPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'reports/forms/:code',
            element: (
              <RequireStaff permission="catalogue.write">
                <Lazy>
                  <FormEditorPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'reimbursement-cases',
            element: (
              <RequireStaff permission="nominations.approve">
                <Lazy>
                  <CasesPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          // issue 11: budgets and the agency's people under commitment
          {
            path: 'budgets',
            element: (
              <RequireStaff permission="plans.read">
                <Lazy>
                  <BudgetReportPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'lecturer-rates',
            element: (
              <RequireStaff permission="plans.read">
                <Lazy>
                  <LecturerRatesPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'plans/lines/:id/budget',
            element: (
              <RequireStaff permission="plans.read">
                <Lazy>
                  <PlanLineBudgetPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'commitments',
            element: (
              <RequireStaff permission="nominations.write">
                <Lazy>
                  <CommitmentsPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'reimbursement-cases/:id',
            element: (
              <RequireStaff permission="nominations.approve">
                <Lazy>
                  <CaseRoute />
                </Lazy>
              </RequireStaff>
            ),
          },
          // evaluation after training: results at two years (issue 11 point 4)
          ...(['evaluation/results', 'evaluation/results/campaigns', 'evaluation/results/campaigns/:id'] as const).map((path) => ({
            path,
            element: (
              <RequireStaff permission="classes.read">
                <Lazy>
                  {path === 'evaluation/results' ? (
                    <EvaluationResultsPage />
                  ) : path === 'evaluation/results/campaigns' ? (
                    <EvaluationCampaignsPage />
                  ) : (
                    <EvaluationCampaignPage />
                  )}
                </Lazy>
              </RequireStaff>
            ),
          })),
          {
            path: 'learning',
            element: (
              <Lazy>
                <MyLearningPage />
              </Lazy>
            ),
          },
          // evaluation after training (issue 11 point 4; decision 0051)
          {
            path: 'surveys',
            element: (
              <Lazy>
                <MySurveysPage />
              </Lazy>
            ),
          },
          {
            path: 'surveys/:id',
            element: (
              <Lazy>
                <SurveyAnswerPage />
              </Lazy>
            ),
          },
          {
            path: 'evaluation',
            element: (
              <RequireStaff permission="evaluation.read">
                <Lazy>
                  <EvaluationPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'evaluation/classes/:id',
            element: (
              <RequireStaff permission="evaluation.read">
                <Lazy>
                  <ClassSurveyPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'feedback',
            element: (
              <RequireStaff permission="conduct.write">
                <Lazy>
                  <AgencyFeedbackPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          // support for learners (issue 11 point 1)
          {
            path: 'support',
            element: (
              <RequireStaff permission="support.read">
                <Lazy>
                  <SupportPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'my-support',
            element: (
              <Lazy>
                <MySupportPage />
              </Lazy>
            ),
          },
          {
            path: 'my-learners',
            element: (
              <RequireStaff permission="nominations.write">
                <Lazy>
                  <MyLearnersPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'teaching',
            element: (
              <RequireStaff permission="classes.read">
                <Lazy>
                  <TeachingPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          // branch lecturer-views (decision 0066): the lecturer's own survey results
          {
            path: 'teaching/feedback',
            element: (
              <RequireStaff permission="reaction.ownResults">
                <Lazy>
                  <TeachingResultsPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          // training needs (issue 9)
          ...(
            [
              ['needs', <NeedsCampaignsPage key="needs" />],
              ['needs/:id', <NeedsCampaignRoute key="needs-campaign" />],
              ['needs/:id/units/:unitId', <NeedsAnswerRoute key="needs-answer" />],
            ] as const
          ).map(([path, page]) => ({
            path,
            element: (
              <RequireStaff permission="needs.read">
                <Lazy>{page}</Lazy>
              </RequireStaff>
            ),
          })),
          {
            path: 'calendar',
            element: (
              <RequirePermission permission="calendar.read">
                <Lazy>
                  <CalendarPage />
                </Lazy>
              </RequirePermission>
            ),
          },
          {
            path: 'document-settings',
            element: (
              <RequireStaff permission="units.read">
                <Lazy>
                  <DocumentSettingsPage />
                </Lazy>
              </RequireStaff>
            ),
          },
          {
            path: 'notifications',
            element: (
              <Lazy>
                <NotificationsPage />
              </Lazy>
            ),
          },
          { path: 'home', element: <Navigate to="/" replace /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

// A session that ends while the app is open: forget the user; the guard then shows the login page
// with the notice "Phiên làm việc đã hết hạn…" and comes back here after logging in.
setUnauthorisedHandler(() => {
  markSessionExpired();
  signOut(queryClient);
});
// QR check-ins kept on the phone while offline: sent now, when back online and when someone signs in
startPendingCheckinSync();
// a sign-in on the login page puts the user in the query cache; the public pages navigate with the router
followSignIns(queryClient);
setNavigator((path, options) => void router.navigate(path, { replace: options?.replace }));
setCsrfRefresher(async () => {
  const me = await fetchMe();
  return me?.csrfToken ?? null;
});
