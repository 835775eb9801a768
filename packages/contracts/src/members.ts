import { z } from 'zod';
import { EmailSchema, IdSchema, PasswordSchema, TimestampSchema, textSchema } from './common.ts';
import { CompanyRoleSchema } from './permissions.ts';

export const MemberSchema = z.strictObject({
  userId: IdSchema,
  email: z.string(),
  name: z.string().nullable(),
  role: CompanyRoleSchema,
  joinedAt: TimestampSchema,
});
export type Member = z.infer<typeof MemberSchema>;
export const MemberListSchema = z.strictObject({ members: z.array(MemberSchema) });
export const ChangeMemberRoleBodySchema = z.strictObject({ role: CompanyRoleSchema });

export const InvitationSchema = z.strictObject({
  id: IdSchema,
  email: z.string(),
  role: CompanyRoleSchema,
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema,
  acceptedAt: TimestampSchema.nullable(),
  revokedAt: TimestampSchema.nullable(),
});
export type Invitation = z.infer<typeof InvitationSchema>;
export const InvitationListSchema = z.strictObject({ invitations: z.array(InvitationSchema) });

export const CreateInvitationBodySchema = z.strictObject({
  email: EmailSchema,
  role: CompanyRoleSchema,
});
/** The link carries the secret token: emailed when the server can send email, and shown once. */
export const CreatedInvitationSchema = z.strictObject({
  invitation: InvitationSchema,
  link: z.string(),
  token: z.string(),
  /** Whether the link was queued to be emailed (false: the server has no SMTP_URL). */
  emailed: z.boolean(),
});

/** A new person accepts by choosing a password; an address that has an account signs in and joins instead. */
export const AcceptInvitationBodySchema = z.strictObject({
  token: textSchema({ min: 1, max: 200, trim: false }),
  password: PasswordSchema,
  name: textSchema({ min: 1, max: 200 }).optional(),
});
/** Accepting as the account you are signed in as (its address must be the invited one). */
export const JoinInvitationBodySchema = z.strictObject({ token: textSchema({ min: 1, max: 200, trim: false }) });

export const InvitationPreviewBodySchema = z.strictObject({ token: textSchema({ min: 1, max: 200, trim: false }) });
/**
 * What the holder of an invitation link sees before accepting it. Not whether the address has an
 * account: the inviter holds the link too, and that would tell any company who has one.
 */
export const InvitationPreviewSchema = z.strictObject({
  email: z.string(),
  companyName: z.string(),
  role: CompanyRoleSchema,
  expiresAt: TimestampSchema,
});
export type InvitationPreview = z.infer<typeof InvitationPreviewSchema>;
