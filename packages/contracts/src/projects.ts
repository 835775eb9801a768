import { z } from 'zod';
import { IdSchema, TimestampSchema, textSchema } from './common.ts';
import { ProjectRoleSchema } from './permissions.ts';

export const ProjectSchema = z.strictObject({
  id: IdSchema,
  name: z.string(),
  description: z.string(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  /** What you may do in this project: your company role's permissions and your project role's (sorted). */
  myPermissions: z.array(z.string()),
});
export type Project = z.infer<typeof ProjectSchema>;

const ProjectNameSchema = textSchema({ min: 1, max: 100 });
const DescriptionSchema = textSchema({ max: 2000, multiline: true, trim: false });

export const CreateProjectBodySchema = z.strictObject({
  name: ProjectNameSchema,
  description: DescriptionSchema.optional(),
});
export type CreateProjectBody = z.infer<typeof CreateProjectBodySchema>;

export const UpdateProjectBodySchema = z
  .strictObject({ name: ProjectNameSchema.optional(), description: DescriptionSchema.optional() })
  .refine((body) => body.name !== undefined || body.description !== undefined, {
    error: 'give name or description to change',
  });

export const ProjectListSchema = z.strictObject({ projects: z.array(ProjectSchema) });

export const ProjectMemberSchema = z.strictObject({
  userId: IdSchema,
  email: z.string(),
  name: z.string().nullable(),
  role: ProjectRoleSchema,
  addedAt: TimestampSchema,
});
export type ProjectMember = z.infer<typeof ProjectMemberSchema>;

export const ProjectMemberListSchema = z.strictObject({ members: z.array(ProjectMemberSchema) });
export const SetProjectMemberBodySchema = z.strictObject({ role: ProjectRoleSchema });
