import { PageHeader } from '../ui/states.tsx';

export default function ApiKeysPage() {
  return <PageHeader title="ApiKeysPage" />;
}
