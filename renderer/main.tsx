import './app/locale-guard';
import './app/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connect } from './api/transport';
import { createAppStore, StoreContext } from './state/store';
import 'katex/dist/katex.min.css';
import './styles.css';

const store = createAppStore(connect());
// Ask for the session (and so the first item) now, not after React's first render.
void store.getState().loadSession();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
