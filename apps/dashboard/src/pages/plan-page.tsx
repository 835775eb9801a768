import { PageHeader } from '../ui/states.tsx';

export default function PlanPage() {
  return <PageHeader title="PlanPage" />;
}
