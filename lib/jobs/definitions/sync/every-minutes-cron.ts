/**
 * The cron of "every N minutes": `*\/N * * * *` when N divides an hour, whole hours when N is a
 * multiple of 60 dividing a day; anything else is refused with a message.
 */
export function everyMinutesCron(minutes: number): string {
  if (minutes < 60 && 60 % minutes === 0)
    return minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`;
  if (minutes % 60 === 0 && 24 % (minutes / 60) === 0)
    return minutes === 60 ? '0 * * * *' : `0 */${minutes / 60} * * *`;
  throw new Error(
    `SYNC_INCREMENTAL_EVERY_MINUTES=${minutes} cannot be a cron schedule: use a divisor of 60 (5, 10, 15, 30) or whole hours dividing a day (60, 120, 180, 240, 360, 720, 1440).`,
  );
}
