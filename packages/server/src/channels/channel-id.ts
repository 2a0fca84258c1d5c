/**
 * The surveillance channels: each is one record schema with its natural key, one record table, and the
 * series its records feed. The id is the path segment of `POST /api/v1/ingest/{channel}` and of
 * `shaobing import CHANNEL FILE`.
 */
export const CHANNEL_IDS = [
  'visit', // clinic and fever-clinic visits (门急诊/发热门诊就诊)
  'report-card', // notifiable-disease report cards (传染病报告卡)
  'pharmacy', // pharmacy sales (药店销售)
  'school', // school absenteeism (学校缺课)
  'lab', // laboratory results (实验室检测)
  'hotline', // 12345 / 120 hotline messages (热线)
  'opinion', // public-opinion posts (舆情)
  'wastewater', // wastewater measurements (污水监测)
] as const;

export type ChannelId = (typeof CHANNEL_IDS)[number];

export function isChannelId(value: string): value is ChannelId {
  return (CHANNEL_IDS as readonly string[]).includes(value);
}
