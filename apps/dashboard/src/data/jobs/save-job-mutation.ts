import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf, type RequestBodyOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { putJob } from './job-cache.ts';

export type CreateJobRequest = RequestBodyOf<'/api/v1/projects/{projectId}/jobs', 'post'>;
export type UpdateJobRequest = RequestBodyOf<'/api/v1/projects/{projectId}/jobs/{jobId}', 'patch'>;

export function useCreateJobMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateJobRequest) =>
      dataOf(api.POST('/api/v1/projects/{projectId}/jobs', { params: { path: { projectId } }, body })),
    onSuccess: (job) => putJob(queryClient, projectId, job),
  });
}

/** A PATCH: fields left out stay as they are (the enable switch sends `enabled` alone). */
export function useUpdateJobMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ jobId, body }: { jobId: string; body: UpdateJobRequest }) =>
      dataOf(api.PATCH('/api/v1/projects/{projectId}/jobs/{jobId}', { params: { path: { projectId, jobId } }, body })),
    onSuccess: (job) => putJob(queryClient, projectId, job),
  });
}
