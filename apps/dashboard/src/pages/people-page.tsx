import { PageHeader } from '../ui/states.tsx';

export default function PeoplePage() {
  return <PageHeader title="PeoplePage" />;
}
