import { PageHeader } from '../ui/states.tsx';

export default function AuditPage() {
  return <PageHeader title="AuditPage" />;
}
