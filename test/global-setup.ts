import { prepareTestTemplates } from '@tcpa/db/testing';

export default async function setup() {
  return prepareTestTemplates();
}
