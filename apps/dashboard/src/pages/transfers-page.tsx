import { PageHeader } from '../ui/states.tsx';

export default function TransfersPage({ projectId }: { projectId: string }) {
  return <PageHeader title="TransfersPage" />;
}
