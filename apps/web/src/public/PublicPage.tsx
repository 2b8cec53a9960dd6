import { LoginPage } from '../features/auth/LoginPage';
import VerifyPage from '../features/verify/VerifyPage';
import CheckinPage from '../features/checkin/CheckinPage';
import { publicPage } from './nav';

/** The public page for `pathname`, as the shell and the signed-in app's router render it. */
export function PublicPage({ pathname }: { pathname: string }) {
  const view = publicPage(pathname);
  if (view?.page === 'verify') return <VerifyPage key={view.code} code={view.code} />;
  if (view?.page === 'checkin') return <CheckinPage key={view.token} token={view.token} />;
  return <LoginPage />;
}
