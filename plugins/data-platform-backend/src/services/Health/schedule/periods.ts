import { CronExpressionParser } from 'cron-parser';
import { DateTime, IANAZone } from 'luxon';

/** A partition period, epoch milliseconds: start included, end excluded. */
export type Period = { start: number; end: number };

/** How a batch pipeline is scheduled (Pipeline `spec.schedule` minus streaming). */
type BatchSchedule = {
  type: 'hourly' | 'daily' | 'cron';
  cron?: string;
  /** IANA time zone; UTC when absent. */
  timezone?: string;
};

/**
 * The partition periods of one schedule. A period ends when the schedule
 * fires for it: hourly at the top of each hour, daily at local midnight (23
 * or 25 hours long on daylight-saving days), cron at each fire time, so a cron
 * period runs from one fire to the next.
 */
interface PeriodCalendar {
  /** The period that contains `at`: `start <= at < end`. */
  periodAt(at: number): Period;
  /** Periods whose end lies in `(after, until]`, oldest first. */
  periodsEndingIn(after: number, until: number): Period[];
}

const HOUR_MS = 3_600_000;

function zoneOf(timezone: string | undefined): IANAZone | 'UTC' {
  if (!timezone || timezone === 'UTC' || timezone === 'Etc/UTC') return 'UTC';
  const zone = IANAZone.create(timezone);
  if (!zone.isValid) throw new Error(`Unknown time zone "${timezone}"`);
  return zone;
}

/** How many recently found periods a calendar keeps. */
const RECENT = 8;

abstract class BaseCalendar implements PeriodCalendar {
  /**
   * Periods found lately, newest first. A sweep asks about the same few
   * periods for thousands of pipelines (a burst's runs fall in one hour), and
   * finding one in a zone other than UTC costs a time-zone lookup.
   */
  private readonly recent: Period[] = [];

  protected abstract findPeriodAt(at: number): Period;

  periodAt(at: number): Period {
    for (const p of this.recent) {
      if (p.start <= at && at < p.end) return { start: p.start, end: p.end };
    }
    const found = this.findPeriodAt(at);
    this.recent.unshift({ start: found.start, end: found.end });
    if (this.recent.length > RECENT) this.recent.pop();
    return found;
  }

  periodsEndingIn(after: number, until: number): Period[] {
    const periods: Period[] = [];
    for (
      let p = this.periodAt(after);
      p.end <= until;
      p = this.periodAt(p.end)
    ) {
      periods.push(p);
    }
    return periods;
  }
}

class HourlyCalendar extends BaseCalendar {
  constructor(private readonly zone: IANAZone | 'UTC') {
    super();
  }

  protected findPeriodAt(at: number): Period {
    // Whole-hour offsets (nearly every zone) make local hours UTC hours.
    const offsetMs = this.zone === 'UTC' ? 0 : this.zone.offset(at) * 60_000;
    const start = Math.floor((at + offsetMs) / HOUR_MS) * HOUR_MS - offsetMs;
    return { start, end: start + HOUR_MS };
  }
}

class DailyCalendar extends BaseCalendar {
  constructor(private readonly zone: IANAZone | 'UTC') {
    super();
  }

  protected findPeriodAt(at: number): Period {
    const day = DateTime.fromMillis(at, { zone: this.zone }).startOf('day');
    return { start: day.toMillis(), end: day.plus({ days: 1 }).toMillis() };
  }
}

/**
 * Fire times of a cron expression, computed once per range and kept: the
 * parser costs milliseconds per step, and every pipeline sharing the
 * schedule asks about the same few fire times.
 */
class CronCalendar extends BaseCalendar {
  private fires: number[] = [];

  constructor(
    private readonly cron: string,
    private readonly zone: IANAZone | 'UTC',
  ) {
    super();
  }

  protected findPeriodAt(at: number): Period {
    this.cover(at);
    // Largest fire <= at.
    let lo = 0;
    let hi = this.fires.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.fires[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { start: this.fires[lo], end: this.fires[lo + 1] };
  }

  /** Extends the known fire times so that one is <= at and one is > at. */
  private cover(at: number) {
    const tz = this.zone === 'UTC' ? 'UTC' : this.zone.name;
    if (this.fires.length === 0) {
      const around = CronExpressionParser.parse(this.cron, {
        currentDate: new Date(at + 1000),
        tz,
      });
      const previous = around.prev().getTime();
      this.fires = [previous, this.nextAfter(previous, tz)];
    }
    if (this.fires[0] > at) {
      const back = CronExpressionParser.parse(this.cron, {
        currentDate: new Date(this.fires[0]),
        tz,
      });
      const earlier: number[] = [];
      let fire = this.fires[0];
      while (fire > at) {
        fire = back.prev().getTime();
        earlier.push(fire);
      }
      this.fires = [...earlier.reverse(), ...this.fires];
    }
    if (this.fires[this.fires.length - 1] <= at) {
      const forward = CronExpressionParser.parse(this.cron, {
        currentDate: new Date(this.fires[this.fires.length - 1]),
        tz,
      });
      let fire = this.fires[this.fires.length - 1];
      while (fire <= at) {
        fire = forward.next().getTime();
        this.fires.push(fire);
      }
    }
  }

  private nextAfter(fire: number, tz: string): number {
    return CronExpressionParser.parse(this.cron, {
      currentDate: new Date(fire),
      tz,
    })
      .next()
      .getTime();
  }
}

const calendars = new Map<string, PeriodCalendar>();

/** The key under which pipelines share a calendar. */
export function scheduleKey(schedule: BatchSchedule): string {
  return `${schedule.type}|${schedule.cron ?? ''}|${
    schedule.timezone ?? 'UTC'
  }`;
}

/**
 * The calendar of a batch schedule, shared by every pipeline with the same
 * schedule. Throws for an unknown time zone or an invalid cron expression.
 */
export function calendarFor(schedule: BatchSchedule): PeriodCalendar {
  const key = scheduleKey(schedule);
  let calendar = calendars.get(key);
  if (!calendar) {
    const zone = zoneOf(schedule.timezone);
    if (schedule.type === 'hourly') calendar = new HourlyCalendar(zone);
    else if (schedule.type === 'daily') calendar = new DailyCalendar(zone);
    else {
      if (!schedule.cron)
        throw new Error('A cron schedule needs a cron expression');
      CronExpressionParser.parse(schedule.cron); // throws on a bad expression
      calendar = new CronCalendar(schedule.cron, zone);
    }
    calendars.set(key, calendar);
  }
  return calendar;
}
