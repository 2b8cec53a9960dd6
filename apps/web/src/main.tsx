import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { registerServiceWorker } from './app/offline';
import { getLocale, loadLocale } from './i18n';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing in index.html');
// a stored English choice loads its dictionary before the first render (Vietnamese is in the entry)
void loadLocale(getLocale()).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

registerServiceWorker();
