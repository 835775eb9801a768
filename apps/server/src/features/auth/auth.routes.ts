import {
  LoginBodySchema,
  LogoutBodySchema,
  MeSchema,
  RefreshBodySchema,
  SessionSchema,
  SignupBodySchema,
  SwitchCompanyBodySchema,
} from '@tcpa/contracts';
import type { TenantQueryable } from '@tcpa/db';
import type { z } from 'zod';
import { hashPassword, verifyAgainstNothing, verifyPassword } from '../../auth/passwords.ts';
import type { Principal } from '../../auth/principal.ts';
import { AppError } from '../../http/app-error.ts';
import type { RequestMeta } from '../../http/request-meta.ts';
import { publicRoute, tenantRoute } from '../../http/route.ts';
import type { ServerDeps } from '../../server-deps.ts';
import { writeAudit } from '../audit/record-audit.ts';
import { queueSealedDelivery } from '../notifications/delivery-queue.sql.ts';
import { verificationEmail } from './account-emails.ts';
import { changePasswordRoute } from './change-password.route.ts';
import { issueEmailLinkTokenAsService } from './email-link-tokens.ts';
import { emailVerificationRoutes } from './email-verification.routes.ts';
import { clearLoginFailuresAsService, reservePasswordAttemptAsService } from './login-throttle.ts';
import { passwordResetRoutes } from './password-reset.routes.ts';
import { clearSessionCookie, deliverSession, presentedRefreshToken } from './session-cookie.ts';
import { findSessionTokenAsService, issueSessionAsService, revokeFamilyAsService } from './sessions.ts';
import {
  findUserByEmailAsService,
  findUserByIdAsService,
  listCompaniesOfUserAsService,
  toUser,
  type UserRow,
} from './user-lookup.ts';

const tags = ['auth'];

/** What a step outside tenant scoping needs from its route. */
type Step<S extends z.ZodType> = { body: z.output<S>; deps: ServerDeps; meta: RequestMeta };

const invalidRefresh = () => new AppError('unauthorized', 'Refresh token is not valid: sign in again');

/** The company, its owner and a first session, before anyone is signed in. */
async function signUpAsService({ body, deps, meta }: Step<typeof SignupBodySchema>, passwordHash: string) {
  return deps.database.unsafeAsOwner(async (tx) => {
    if (await findUserByEmailAsService(tx, body.email)) {
      throw new AppError('conflict', 'An account with this email already exists: log in instead');
    }
    const [user] = await tx.query<{ id: string; email: string; name: string | null; created_at: string }>(
      'insert into users (email, name, password_hash) values ($1, $2, $3) returning id, email, name, created_at',
      [body.email, body.name ?? null, passwordHash],
    );
    const [company] = await tx.query<{ id: string; name: string }>(
      'insert into companies (name) values ($1) returning id, name',
      [body.companyName],
    );
    if (!user || !company) throw new Error('insert returned nothing');
    await tx.query(
      `insert into company_memberships (company_id, user_id, role_id)
       select $1, $2, id from roles where company_id is null and scope = 'company' and key = 'owner'`,
      [company.id, user.id],
    );
    await tx.query(`insert into subscriptions (company_id, plan_id) values ($1, 'free')`, [company.id]);
    // In the sign-up's transaction: no account without its verification email, and no email for
    // an account that was rolled back.
    const { token } = await issueEmailLinkTokenAsService(tx, 'email_verification', user.id);
    await queueSealedDelivery(tx, verificationEmail(deps, user.email, token), deps.secretBox.seal);
    const actor = { companyId: company.id, userId: user.id };
    await writeAudit(tx, actor, meta, {
      action: 'company.created',
      targetType: 'company',
      targetId: company.id,
      details: { name: company.name, ownerEmail: user.email },
    });
    return issueSessionAsService(tx, deps, meta, {
      user,
      company: { id: company.id, name: company.name, role: 'owner', planId: 'free' },
    });
  });
}

/** Reserves the attempt against the throttle before anything is compared. */
async function reserveAttemptAndFindUserAsService({ body, deps, meta }: Step<typeof LoginBodySchema>) {
  return deps.database.unsafeAsOwner(async (tx) => {
    await reservePasswordAttemptAsService(tx, deps.config, body.email, meta.ip);
    return findUserByEmailAsService(tx, body.email);
  });
}

async function signInAsService({ body, deps, meta }: Step<typeof LoginBodySchema>, user: UserRow) {
  return deps.database.unsafeAsOwner(async (tx) => {
    await clearLoginFailuresAsService(tx, body.email);
    const companies = await listCompaniesOfUserAsService(tx, user.id);
    const company = body.companyId ? companies.find((c) => c.id === body.companyId) : companies[0];
    if (!company) {
      return {
        ok: false as const,
        error: new AppError(
          'forbidden',
          body.companyId
            ? 'You are not a member of that company'
            : 'You are not a member of any company: ask for an invitation',
        ),
      };
    }
    await writeAudit(tx, { companyId: company.id, userId: user.id }, meta, {
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
    });
    return { ok: true as const, value: await issueSessionAsService(tx, deps, meta, { user, company }) };
  });
}

async function refreshSessionAsService(deps: ServerDeps, meta: RequestMeta, presented: string | undefined) {
  return deps.database.unsafeAsOwner(async (tx) => {
    const token = presented ? await findSessionTokenAsService(tx, presented) : undefined;
    if (!token || token.revoked_at || Date.parse(token.expires_at) <= Date.now()) {
      return { ok: false as const, error: invalidRefresh() };
    }
    if (token.used_at) {
      await revokeFamilyAsService(tx, token.family_id);
      return {
        ok: false as const,
        endedFor: token.user_id,
        error: new AppError(
          'unauthorized',
          'Refresh token was already used, so this session has been signed out everywhere: sign in again',
        ),
      };
    }
    await tx.query('update refresh_tokens set used_at = now() where id = $1', [token.id]);
    const user = await findUserByIdAsService(tx, token.user_id);
    const company = (await listCompaniesOfUserAsService(tx, token.user_id)).find((c) => c.id === token.company_id);
    if (!user || !company) {
      await revokeFamilyAsService(tx, token.family_id);
      return { ok: false as const, error: invalidRefresh() };
    }
    const session = await issueSessionAsService(tx, deps, meta, { user, company, familyId: token.family_id });
    return { ok: true as const, value: session };
  });
}

/** The user whose session ended, if the token was one. */
async function endSessionAsService(deps: ServerDeps, presented: string | undefined) {
  return deps.database.unsafeAsOwner(async (tx) => {
    const token = presented ? await findSessionTokenAsService(tx, presented) : undefined;
    if (!token) return null;
    await revokeFamilyAsService(tx, token.family_id);
    return token.user_id;
  });
}

async function switchCompanyAsService(
  tx: TenantQueryable,
  { body, deps, meta }: Step<typeof SwitchCompanyBodySchema>,
  principal: Principal,
) {
  return tx.unsafeAsOwner(async (owner) => {
    const user = await findUserByIdAsService(owner, principal.userId);
    const company = (await listCompaniesOfUserAsService(owner, principal.userId)).find((c) => c.id === body.companyId);
    if (!user || !company) throw new AppError('not_found', 'Company not found among yours');
    return issueSessionAsService(owner, deps, meta, { user, company });
  });
}

/** Every company of the user, including those other than the one the request is for. */
async function findUserAndCompaniesAsService(tx: TenantQueryable, principal: Principal) {
  return tx.unsafeAsOwner(async (owner) => ({
    user: await findUserByIdAsService(owner, principal.userId),
    companies: await listCompaniesOfUserAsService(owner, principal.userId),
  }));
}

export const authRoutes = [
  publicRoute({
    method: 'post',
    path: '/api/v1/auth/signup',
    summary: 'Create a company, its owner and a Free subscription; returns a session',
    tags,
    body: SignupBodySchema,
    response: SessionSchema,
    deliver: deliverSession,
    status: 201,
    async handler({ body, deps, meta }) {
      const passwordHash = await hashPassword(body.password);
      const session = await signUpAsService({ body, deps, meta }, passwordHash);
      deps.deliveries.wake();
      return session;
    },
  }),

  publicRoute({
    method: 'post',
    path: '/api/v1/auth/login',
    summary: 'Sign in with email and password; returns a session for one of your companies',
    tags,
    body: LoginBodySchema,
    response: SessionSchema,
    deliver: deliverSession,
    async handler({ body, deps, meta }) {
      const user = await reserveAttemptAndFindUserAsService({ body, deps, meta });
      // Outside any transaction: a transaction held through argon2 would hold a connection
      // (on PGlite, the only one) for the whole check.
      const passwordOk = user
        ? await verifyPassword(user.password_hash, body.password)
        : await verifyAgainstNothing(body.password);
      if (!user || !passwordOk) throw new AppError('unauthorized', 'Email or password is wrong');
      const outcome = await signInAsService({ body, deps, meta }, user);
      // Thrown after the transaction, so the right password still clears the failures.
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    },
  }),

  publicRoute({
    method: 'post',
    path: '/api/v1/auth/refresh',
    summary:
      'Trade a refresh token (the body\'s, or the session cookie\'s with "X-TCPA-Session: cookie") for a new pair; reusing a spent one signs the whole session out',
    tags,
    body: RefreshBodySchema,
    response: SessionSchema,
    deliver: deliverSession,
    async handler({ body, deps, meta, http }) {
      const outcome = await refreshSessionAsService(deps, meta, presentedRefreshToken(http, body));
      // Thrown after the transaction so that a family revocation is committed, not rolled back.
      if (!outcome.ok) {
        clearSessionCookie(http);
        if (outcome.endedFor) deps.bus.publish({ type: 'sessions_ended', userId: outcome.endedFor });
        throw outcome.error;
      }
      return outcome.value;
    },
  }),

  publicRoute({
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: 'End the session the refresh token (body, or session cookie) belongs to, and clear the cookie',
    tags,
    body: LogoutBodySchema,
    response: null,
    async handler({ body, deps, http }) {
      const presented = presentedRefreshToken(http, body);
      clearSessionCookie(http);
      const userId = await endSessionAsService(deps, presented);
      // Its open realtime connections close too (after the commit, so their re-check sees it).
      if (userId) deps.bus.publish({ type: 'sessions_ended', userId });
      return undefined;
    },
  }),

  changePasswordRoute,
  ...passwordResetRoutes,
  ...emailVerificationRoutes,

  tenantRoute({
    method: 'post',
    path: '/api/v1/auth/switch-company',
    summary: 'Get a session for another company you belong to',
    tags,
    access: { kind: 'signed_in' },
    body: SwitchCompanyBodySchema,
    response: SessionSchema,
    deliver: deliverSession,
    async handler({ body, deps, principal, meta, tx }) {
      if (principal.kind !== 'user') throw new AppError('forbidden', 'API keys belong to one company');
      return switchCompanyAsService(tx, { body, deps, meta }, principal);
    },
  }),

  tenantRoute({
    method: 'get',
    path: '/api/v1/me',
    summary: 'Who you are: user, current company, all your companies, permissions',
    tags,
    access: { kind: 'signed_in' },
    response: MeSchema,
    async handler({ tx, principal }) {
      const [permissions] = await tx.query<{ list: string[] }>('select app.company_permissions() as list');
      const { user, companies } = await findUserAndCompaniesAsService(tx, principal);
      const company = companies.find((c) => c.id === principal.companyId);
      if (!user || !company) throw new AppError('unauthorized', 'You are no longer a member of this company');
      return {
        user: toUser(user),
        company,
        companies: principal.kind === 'user' ? companies : [company],
        permissions: permissions?.list ?? [],
        apiKeyId: principal.kind === 'api_key' ? principal.apiKeyId : null,
        emailVerified: user.email_verified_at !== null,
      };
    },
  }),
];
