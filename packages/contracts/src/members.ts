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
/** The link carries the secret token; it is shown once, until email delivery lands. */
export const CreatedInvitationSchema = z.strictObject({
  invitation: InvitationSchema,
  link: z.string(),
  token: z.string(),
});

export const AcceptInvitationBodySchema = z.strictObject({
  token: textSchema({ min: 1, max: 200, trim: false }),
  password: PasswordSchema,
  name: textSchema({ min: 1, max: 200 }).optional(),
});

export const InvitationPreviewBodySchema = z.strictObject({ token: textSchema({ min: 1, max: 200, trim: false }) });
/** What the holder of an invitation link sees before accepting it. */
export const InvitationPreviewSchema = z.strictObject({
  email: z.string(),
  companyName: z.string(),
  role: CompanyRoleSchema,
  expiresAt: TimestampSchema,
  hasAccount: z.boolean(),
});
export type InvitationPreview = z.infer<typeof InvitationPreviewSchema>;
