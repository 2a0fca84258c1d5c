import { z } from 'zod';
import { isoUtc } from './calendar.js';
import { defineChannel } from './channel.js';
import { messageContribution } from './message-contribution.js';
import { category, code, placeCode, slug, text, timestamp } from './fields.js';

/**
 * Public-opinion posts (舆情): Weibo, WeChat, news, forums. Natural key: (source, post id). Signals: `all`
 * and the category when given, at the post's place if known, else at the city.
 */
export const opinionSchema = z.object({
  /** The platform: weibo, wechat, douyin, news, forum, … */
  source: slug,
  postId: code,
  time: timestamp,
  text: text(20_000).min(1),
  category: category.optional(),
  place: placeCode.optional(),
});

export const opinionChannel = defineChannel({
  id: 'opinion',
  table: 'opinion_record',
  schema: opinionSchema,
  numberFields: [],
  booleanFields: [],
  key: (r) => `${r.source}/${r.postId}`,
  derive: messageContribution,
  columns: {
    platform: (r) => r.source,
    post_id: (r) => r.postId,
    post_time: (r) => isoUtc(r.time.epochMs),
    text: (r) => r.text,
    category: (r) => r.category,
    place_given: (r) => r.place,
  },
  completeness: false,
});
