import { z } from 'zod';
import { isoUtc } from './calendar.js';
import { defineChannel } from './channel.js';
import { messageContribution } from './message-contribution.js';
import { category, code, placeCode, text, timestamp } from './fields.js';

/**
 * 12345 (citizen service) and 120 (emergency) hotline messages. Natural key: (line, message id). Signals:
 * `all` and the message's category when the sender gives one (topics come later), at the message's place,
 * else at the city.
 */
export const hotlineSchema = z.object({
  line: z.enum(['12345', '120']),
  messageId: code,
  time: timestamp,
  text: text(10_000).min(1),
  category: category.optional(),
  place: placeCode.optional(),
});

export const hotlineChannel = defineChannel({
  id: 'hotline',
  table: 'hotline_record',
  schema: hotlineSchema,
  numberFields: [],
  booleanFields: [],
  key: (r) => `${r.line}/${r.messageId}`,
  derive: messageContribution,
  columns: {
    line: (r) => r.line,
    message_id: (r) => r.messageId,
    message_time: (r) => isoUtc(r.time.epochMs),
    text: (r) => r.text,
    category: (r) => r.category,
    place_given: (r) => r.place,
  },
  completeness: false,
});
