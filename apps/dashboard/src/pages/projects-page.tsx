import { PageHeader } from '../ui/states.tsx';

export default function ProjectsPage() {
  return <PageHeader title="ProjectsPage" />;
}
