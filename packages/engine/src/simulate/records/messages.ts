import type { HotlineCategory, OpinionCategory } from '../models/channel-models.js';
import type { Random } from '../random.js';

/**
 * Texts of 12345/120 messages and public-opinion posts, from templates with slots (where, who, how many,
 * how long). Health topics speak of fever, cough, diarrhoea; the others of noise, traffic, property and
 * water. An outbreak's messages speak of several people ill in one place, as clusters first show up there.
 */

type Slots = { readonly place: string; readonly city: string; readonly r: Random };
type Template = (s: Slots) => string;

const n = (r: Random, lo: number, hi: number) => lo + r.int(hi - lo + 1);
const who = (r: Random) => r.pick(['孩子', '老人', '我爱人', '我', '家里老人', '小孩', '邻居家孩子']);

const HOTLINE: Readonly<Record<HotlineCategory, readonly Template[]>> = {
  发热咨询: [
    ({ place, r }) =>
      `市民来电咨询：${who(r)}发烧${n(r, 1, 3)}天，体温${n(r, 38, 39)}度多，${place}附近哪里有发热门诊？`,
    ({ r }) => `来电人反映${who(r)}咳嗽发烧，询问是否需要去医院做流感检测。`,
    ({ place }) => `市民询问${place}社区卫生服务中心发热门诊的开放时间。`,
  ],
  腹泻呕吐: [
    ({ r }) => `市民来电称${who(r)}腹泻呕吐${n(r, 1, 2)}天，咨询就近就医地点。`,
    ({ place, r }) => `来电人反映${place}家中${n(r, 2, 3)}人拉肚子，怀疑饮用水有问题，请求核实。`,
  ],
  疫情防控: [
    ({ place }) => `市民咨询${place}近期是否有传染病疫情，需要注意哪些防护。`,
    () => `来电人询问儿童疫苗接种的预约方式。`,
  ],
  食品安全: [
    ({ place }) => `市民投诉${place}一家餐馆卫生条件差，后厨脏乱。`,
    ({ place, r }) => `来电人反映在${place}某快餐店用餐后${n(r, 1, 3)}人出现腹痛腹泻，要求调查。`,
    ({ place }) => `市民反映${place}菜市场有商贩售卖过期食品。`,
  ],
  环境卫生: [
    ({ place }) => `市民反映${place}小区垃圾清运不及时，异味很大。`,
    ({ place }) => `来电人投诉${place}道路积水严重，蚊虫滋生。`,
  ],
  噪音扰民: [
    ({ place }) => `市民投诉${place}附近工地夜间施工噪音扰民。`,
    ({ place }) => `来电人反映${place}广场舞音响声音过大，影响休息。`,
  ],
  交通出行: [
    ({ place }) => `市民反映${place}路口红绿灯故障，车辆拥堵。`,
    ({ place }) => `来电人建议在${place}增设公交站点。`,
  ],
  物业管理: [
    ({ place }) => `市民投诉${place}小区电梯频繁故障，物业不作为。`,
    ({ place }) => `来电人反映${place}小区物业费上涨不合理。`,
  ],
  供水供电: [
    ({ place, r }) => `市民反映${place}停水已超过${n(r, 3, 12)}小时，无人通知。`,
    ({ place }) => `来电人反映${place}小区频繁停电。`,
  ],
  '急救-发热': [({ r }) => `120来电：${who(r)}高烧${n(r, 39, 40)}度，精神差，请求派车。`],
  '急救-呼吸困难': [({ r }) => `120来电：${who(r)}呼吸困难、胸闷，请求急救。`],
  '急救-腹痛腹泻': [({ r }) => `120来电：${who(r)}剧烈腹痛、腹泻不止，请求派车。`],
  '急救-外伤': [({ place }) => `120来电：${place}发生交通事故，一人受伤。`],
};

/** Cluster messages of an outbreak: several ill people in one place. */
const CLUSTER: Readonly<Partial<Record<HotlineCategory, readonly Template[]>>> = {
  发热咨询: [
    ({ place, r }) => `市民反映${place}一学校班上最近有${n(r, 5, 15)}个孩子发烧请假，家长很担心，请求核实。`,
    ({ place, r }) => `来电人称${place}小区最近好多人发烧咳嗽，家里${n(r, 2, 4)}口人都病了。`,
  ],
  腹泻呕吐: [({ place, r }) => `市民反映${place}小区近几天有${n(r, 5, 20)}人上吐下泻，怀疑饮用水污染。`],
  食品安全: [
    ({ place, r }) => `来电人反映在${place}同一餐馆吃饭的${n(r, 4, 12)}人先后出现腹痛腹泻，要求调查。`,
  ],
};

const OPINION: Readonly<Record<OpinionCategory, readonly Template[]>> = {
  '健康-发热': [
    ({ r }) => `${who(r)}又发烧了，${n(r, 38, 39)}度多，这几天流感好厉害`,
    ({ place }) => `${place}的发热门诊排队排了两个小时，感觉身边好多人都在咳嗽`,
  ],
  '健康-腹泻': [({ r }) => `昨晚开始拉肚子，${who(r)}也是，不知道是不是吃坏了`],
  '健康-其他': [() => `今天带孩子去打疫苗，社区医院人好多`, () => `最近过敏性鼻炎又犯了`],
  生活: [({ place }) => `${place}新开了一家早餐店，味道不错`, () => `周末去湖边绿道骑车，风景太好了`],
  交通: [({ place }) => `${place}早高峰又堵死了`, () => `地铁今天好挤`],
  天气: [({ city }) => `${city}这天气，早上还好好的下午就下暴雨`, () => `今天好热，空调开一天`],
  教育: [() => `孩子作业写到十点，家长也太累了`, ({ place }) => `${place}的学区房又涨价了`],
};

const OPINION_CLUSTER: Readonly<Partial<Record<OpinionCategory, readonly Template[]>>> = {
  '健康-发热': [
    ({ place, r }) => `${place}孩子班上一下子${n(r, 6, 15)}个同学发烧请假，是不是流感爆发了？`,
    ({ place }) => `${place}这边好多人发烧，药店退烧药都快卖光了`,
  ],
  '健康-腹泻': [({ place, r }) => `${place}我们小区${n(r, 5, 20)}个人上吐下泻，有没有人知道怎么回事`],
};

/** `place` is the name the caller gives (a street, a district), `city` the city's name. */
export function hotlineText(
  r: Random,
  category: HotlineCategory,
  place: string,
  city: string,
  cluster: boolean,
): string {
  const templates = (cluster ? CLUSTER[category] : undefined) ?? HOTLINE[category];
  return r.pick(templates)({ place, city, r });
}

export function opinionText(
  r: Random,
  category: OpinionCategory,
  place: string,
  city: string,
  cluster: boolean,
): string {
  const templates = (cluster ? OPINION_CLUSTER[category] : undefined) ?? OPINION[category];
  return r.pick(templates)({ place, city, r });
}

/** Platforms and their share of collected posts. */
export const OPINION_SOURCES = { weibo: 0.6, wechat: 0.15, douyin: 0.15, news: 0.05, forum: 0.05 } as const;
