import type { Intent } from '../../../src/app/intents.js';
import type { Provider } from '../../../src/domain/provider.js';
import { parseWeekday } from '../../../src/domain/schedule.js';
import type { ThreadRef } from '../../../src/domain/thread-ref.js';

export const SCHEDULE_USAGE =
  '/psa schedule <provider> daily|weekly [day] [HH:MM] [time zone] [--always], or /psa schedule <provider> off';

const TIME = /^\d{1,2}:\d{2}$/;

/**
 * `/psa schedule <provider> …` after the provider word: the intent, or the usage to show. The
 * words after the cadence may come in any order: a day name, a time, a zone, `--always`. Values
 * are checked by the core (zone with Intl), so every surface gives the same answer.
 */
export function parseScheduleWords(
  provider: Provider,
  words: readonly string[],
  conversation: ThreadRef | null,
): Intent | { readonly usage: string } {
  const [cadenceWord, ...rest] = words.map((word) => word.replaceAll('"', ''));
  const cadence = cadenceWord?.toLowerCase();
  if (cadence === 'off')
    return rest.length === 0 ? { kind: 'digest-off', provider } : { usage: SCHEDULE_USAGE };
  if (cadence !== 'daily' && cadence !== 'weekly') return { usage: SCHEDULE_USAGE };
  let day: string | null = null;
  let time: string | null = null;
  let timeZone: string | null = null;
  let always = false;
  for (const word of rest) {
    const lower = word.toLowerCase();
    if (lower === '--always' || lower === 'always') {
      if (always) return { usage: SCHEDULE_USAGE };
      always = true;
    } else if (TIME.test(word)) {
      if (time !== null) return { usage: SCHEDULE_USAGE };
      time = word;
    } else if (day === null && parseWeekday(word) !== null) {
      day = word;
    } else {
      if (timeZone !== null) return { usage: SCHEDULE_USAGE };
      timeZone = word;
    }
  }
  return { kind: 'digest-schedule', provider, cadence, day, time, timeZone, always, conversation };
}
