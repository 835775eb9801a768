import { PageHeader } from '../ui/states.tsx';

export default function TransferDetailPage({ projectId, transferId }: { projectId: string; transferId: string }) {
  return <PageHeader title="TransferDetailPage" />;
}
