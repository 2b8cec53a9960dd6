import { registerServiceWorker } from './app/offline';
import { getLocale, loadLocale } from './i18n';
import { startShell } from './public/shell';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing in index.html');
// a stored English choice loads its dictionary before the first render (Vietnamese is in the entry);
// the public pages render here, any other page loads the signed-in app (docs/decisions/0060)
void loadLocale(getLocale()).then(() => startShell(root));

registerServiceWorker();
