import './zod-without-eval.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { ServicesContext } from './app/app-context.tsx';
import { createServices } from './app/services.ts';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ServicesContext.Provider value={createServices()}>
        <App />
      </ServicesContext.Provider>
    </StrictMode>,
  );
}
