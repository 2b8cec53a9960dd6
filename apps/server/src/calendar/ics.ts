/**
 * Calendar events as an iCalendar file (RFC 5545) through ical-generator (decision 0033): text
 * escaping, CRLF line ends and folding at 75 octets are the library's; times are UTC (`…Z`);
 * UID, SEQUENCE and STATUS come from the domain (training.sessionEvent).
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { training } from '@nang-tam/domain';

export const ICS_MIME = 'text/calendar; charset=utf-8';

export interface IcsCalendar {
  /** Shown by calendar apps as the subscribed calendar's name. */
  name: string;
  events: training.CalendarEvent[];
  /** DTSTAMP: when this copy was made. */
  now: Date;
}

export function renderIcs(c: IcsCalendar): string {
  const cal = ical({
    name: c.name,
    prodId: { company: 'Nang Tam', product: 'Lich hoc', language: 'VI' },
    method: ICalCalendarMethod.PUBLISH,
    // how often a subscribed client should fetch again
    ttl: 60 * 60,
  });
  // the zone a client shows a new calendar in (the events themselves are in UTC)
  cal.x([{ key: 'X-WR-TIMEZONE', value: 'Asia/Ho_Chi_Minh' }]);
  for (const e of c.events) {
    cal.createEvent({
      id: e.uid,
      sequence: e.sequence,
      start: new Date(e.start),
      end: new Date(e.end),
      stamp: c.now,
      lastModified: new Date(e.lastModified),
      summary: e.summary,
      description: e.description,
      location: e.location,
      url: e.url,
      status: e.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // every content line ends with CRLF, the last one too (RFC 5545 §3.1)
  const text = cal.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
