/** Where files come from and go to, as the job editor and the New transfer form hold them. */
export interface RouteForm {
  sourceAgentId: string;
  /** One path per line, as typed or picked. */
  sourcePaths: string;
  destinationAgentId: string;
  destinationDir: string;
}

export const EMPTY_ROUTE_FORM: RouteForm = {
  sourceAgentId: '',
  sourcePaths: '',
  destinationAgentId: '',
  destinationDir: '',
};

export const pathLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
