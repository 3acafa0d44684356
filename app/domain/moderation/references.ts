/** Report references, shared by the server and the pages that show them. */
/** The number a reporter is given and a moderator sees beside the report and can look up: one for both sides. */
export const reportReference = (reportId: number) => `M-${reportId}`;
export const parseReportReference = (reference: string): number | null => {
  const match = reference.trim().toUpperCase().match(/^M?-?\s*(\d{1,15})$/);
  return match ? Number(match[1]) : null;
};

