import '@/lib/no-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Panel } from '@/components/Panel';
import { browserPanelApi } from '@/lib/stores/panel-api';
import { createPanelStore } from '@/lib/stores/panel-store';
import { tabIdFromSearch } from '@/lib/stores/tab-slice';
import './style.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Panel store={createPanelStore(browserPanelApi())} tabId={tabIdFromSearch(location.search)} />
  </StrictMode>,
);
