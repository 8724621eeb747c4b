/** The retention periods CloudWatch Logs accepts (0, "never expire", is deliberately not offered). */
export const logRetentionDays = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export function checkLogRetentionDays(days: number, field: string): number {
  if (!(logRetentionDays as readonly number[]).includes(days)) {
    throw new Error(`${field} ${days} is not a CloudWatch Logs retention; use one of ${logRetentionDays.join(', ')}.`);
  }
  return days;
}
