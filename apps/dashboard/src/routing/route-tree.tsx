import { createRootRoute, createRoute, lazyRouteComponent, Navigate, Outlet } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { AcceptInvitationPage } from '../pages/accept-invitation-page.tsx';
import { ForgotPasswordPage } from '../pages/forgot-password-page.tsx';
import { LoginPage } from '../pages/login-page.tsx';
import { NotFoundNotice, NotFoundPage } from '../pages/not-found-page.tsx';
import { ResetPasswordPage } from '../pages/reset-password-page.tsx';
import { SignupPage } from '../pages/signup-page.tsx';
import { VerifyEmailPage } from '../pages/verify-email-page.tsx';
import {
  validateInvitationSearch,
  validateNextSearch,
  validatePlanSearch,
  validateTokenSearch,
} from './search-params.ts';
import { SignedInLayout, SignedOutLayout } from './session-gates.tsx';

const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: NotFoundPage });

const signedOutRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: '_signedOut',
  validateSearch: validateNextSearch,
  component: SignedOutLayout,
});
const loginRoute = createRoute({ getParentRoute: () => signedOutRoute, path: 'login', component: LoginPage });
const signupRoute = createRoute({ getParentRoute: () => signedOutRoute, path: 'signup', component: SignupPage });
const forgotPasswordRoute = createRoute({
  getParentRoute: () => signedOutRoute,
  path: 'forgot-password',
  component: ForgotPasswordPage,
});

// Emailed links open whoever is signed in here (or nobody): a reset signs every session out anyway,
// and a verification names its account in its token.
const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'reset-password',
  validateSearch: validateTokenSearch,
  component: ResetPasswordPage,
});
const verifyEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'verify-email',
  validateSearch: validateTokenSearch,
  component: VerifyEmailPage,
});

// An invitation link opens whoever is signed in here: the page joins as the signed-in account when
// it is the invited one, offers to sign out when it is not, and to sign in or choose a password.
const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'invite',
  validateSearch: validateInvitationSearch,
  component: AcceptInvitationPage,
});

const signedInRoute = createRoute({ getParentRoute: () => rootRoute, id: '_signedIn', component: SignedInLayout });
// Every page behind the sign-in is its own chunk, fetched when its route matches (or a link to it is hovered).
const companyPage = <const TPath extends string>(path: TPath, load: () => Promise<{ default: () => ReactNode }>) =>
  createRoute({ getParentRoute: () => signedInRoute, path, component: lazyRouteComponent(load) });
const homeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  component: lazyRouteComponent(() => import('../app/home-redirect.tsx')),
});

// Stripe Checkout sends the browser back here with `?checkout=done` or `?checkout=canceled`.
const planRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'plan',
  validateSearch: validatePlanSearch,
  component: lazyRouteComponent(() => import('../pages/plan-page.tsx')),
});

const projectRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'p/$projectId',
  notFoundComponent: NotFoundNotice,
  component: lazyRouteComponent(() => import('../app/project-layout.tsx')),
});
const projectPage = <const TPath extends string>(path: TPath, load: () => Promise<{ default: () => ReactNode }>) =>
  createRoute({ getParentRoute: () => projectRoute, path, component: lazyRouteComponent(load) });
const projectHomeRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: '/',
  component: function ProjectHome() {
    return <Navigate from="/p/$projectId" to="/p/$projectId/fleet" replace />;
  },
});

export const routeTree = rootRoute.addChildren([
  signedOutRoute.addChildren([loginRoute, signupRoute, forgotPasswordRoute]),
  invitationRoute,
  resetPasswordRoute,
  verifyEmailRoute,
  signedInRoute.addChildren([
    homeRoute,
    companyPage('projects', () => import('../pages/projects-page.tsx')),
    companyPage('people', () => import('../pages/people-page.tsx')),
    companyPage('api-keys', () => import('../pages/api-keys-page.tsx')),
    planRoute,
    companyPage('integrations', () => import('../pages/integrations-page.tsx')),
    companyPage('audit', () => import('../pages/audit-page.tsx')),
    projectRoute.addChildren([
      projectHomeRoute,
      projectPage('fleet', () => import('../pages/fleet-page.tsx')),
      projectPage('add-agent', () => import('../pages/add-agent-page.tsx')),
      projectPage('agents/$agentId', () => import('../pages/agent-page.tsx')),
      projectPage('transfers', () => import('../pages/transfers-page.tsx')),
      projectPage('transfers/new', () => import('../pages/new-transfer-page.tsx')),
      projectPage('transfers/$transferId', () => import('../pages/transfer-detail-page.tsx')),
      projectPage('jobs', () => import('../pages/jobs-page.tsx')),
      projectPage('jobs/new', () => import('../pages/new-job-page.tsx')),
      projectPage('jobs/$jobId', () => import('../pages/job-page.tsx')),
      projectPage('jobs/$jobId/edit', () => import('../pages/edit-job-page.tsx')),
      projectPage('alerts', () => import('../pages/alerts-page.tsx')),
      projectPage('storage', () => import('../pages/storage-page.tsx')),
    ]),
  ]),
]);
