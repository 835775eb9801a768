import { PageHeader } from '../ui/states.tsx';

export default function NewTransferPage({ projectId }: { projectId: string }) {
  return <PageHeader title="NewTransferPage" />;
}
