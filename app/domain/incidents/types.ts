/** View types of the incident log that browser code may use. */
export interface SupportEntry {
  id: number;
  state: string;
  name: string;
  description: string;
  url: string | null;
  phone: string | null;
}
