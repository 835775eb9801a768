import { z } from 'zod';
import { EmailSchema, IdSchema, PasswordSchema, TimestampSchema, textSchema } from './common.ts';
import { CompanyRoleSchema } from './permissions.ts';

export const UserSchema = z.strictObject({
  id: IdSchema,
  email: z.string(),
  name: z.string().nullable(),
  createdAt: TimestampSchema,
});
export type User = z.infer<typeof UserSchema>;

export const CompanySchema = z.strictObject({
  id: IdSchema,
  name: z.string(),
  role: CompanyRoleSchema,
  planId: z.string(),
});
export type Company = z.infer<typeof CompanySchema>;

export const CompanyNameSchema = textSchema({ min: 1, max: 200 });

export const SignupBodySchema = z.strictObject({
  email: EmailSchema,
  password: PasswordSchema,
  companyName: CompanyNameSchema,
  name: textSchema({ min: 1, max: 200 }).optional(),
});
export type SignupBody = z.infer<typeof SignupBodySchema>;

export const LoginBodySchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1).max(200),
  companyId: IdSchema.optional(),
});

/**
 * A browser sends this header (value `cookie`) on session requests to keep its refresh token in an
 * httpOnly cookie: answers then set the cookie and leave `refreshToken` out, and refresh and logout
 * read the cookie. Programs leave it out and pass the refresh token in bodies.
 */
export const SESSION_COOKIE_HEADER = 'x-tcpa-session';
export const SESSION_COOKIE_HEADER_VALUE = 'cookie';

/** `refreshToken` is required unless the session is kept in the cookie (SESSION_COOKIE_HEADER). */
export const RefreshBodySchema = z.strictObject({
  refreshToken: textSchema({ min: 1, max: 200, trim: false }).optional(),
});
export const LogoutBodySchema = RefreshBodySchema;

export const ChangePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: PasswordSchema,
});

/** The secret an emailed link carries (`?token=`): a password reset or an email verification. */
const EmailLinkTokenSchema = textSchema({ min: 1, max: 200, trim: false });

export const PasswordResetRequestBodySchema = z.strictObject({ email: EmailSchema });

/** The same answer whether or not an account has the address: it says nothing about who exists. */
export const EmailSentSchema = z.strictObject({ message: z.string() });
export type EmailSent = z.infer<typeof EmailSentSchema>;

export const PasswordResetConfirmBodySchema = z.strictObject({
  token: EmailLinkTokenSchema,
  password: PasswordSchema,
});

export const VerifyEmailBodySchema = z.strictObject({ token: EmailLinkTokenSchema });
export const EmailVerifiedSchema = z.strictObject({ email: z.string(), emailVerified: z.literal(true) });

export const SwitchCompanyBodySchema = z.strictObject({ companyId: IdSchema });

export const SessionSchema = z.strictObject({
  accessToken: z.string(),
  /** Absent when the refresh token went into the session cookie. */
  refreshToken: z.string().optional(),
  expiresIn: z.number().int(),
  user: UserSchema,
  company: CompanySchema,
});
export type Session = z.infer<typeof SessionSchema>;

export const MeSchema = z.strictObject({
  user: UserSchema,
  company: CompanySchema,
  companies: z.array(CompanySchema),
  /** Your company role's permissions. What you may do in a project is on the project (`myPermissions`). */
  permissions: z.array(z.string()),
  apiKeyId: IdSchema.nullable(),
  /** Whether the user confirmed their address through an emailed link (signing in works either way). */
  emailVerified: z.boolean(),
});
export type Me = z.infer<typeof MeSchema>;
