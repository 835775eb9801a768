import './zod-without-eval.ts';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ServicesContext } from './app/app-context.tsx';
import { createServices } from './app/services.ts';
import { createAppRouter } from './routing/router.tsx';
import './styles.css';

const router = createAppRouter();
const services = createServices({
  onSessionEnded: () =>
    void router.navigate({ to: '/login', search: { next: router.state.location.href }, replace: true }),
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ServicesContext.Provider value={services}>
        <QueryClientProvider client={services.queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </ServicesContext.Provider>
    </StrictMode>,
  );
}
