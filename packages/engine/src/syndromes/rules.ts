import { TERMS } from './terms.js';
import type { SyndromeRules } from './types.js';

/**
 * The syndrome rule set, version-stamped: every classification records the version that made it, so a
 * series can be rebuilt when the rules change. Bump the version with every change to terms.ts or here.
 *
 * Definitions chosen (and tested on the labelled set):
 * - fever: a fever word that is not negated, or a temperature ≥ 37.3 ℃ (the Chinese clinical threshold for
 *   axillary fever). A measured temperature wins over the text: 无发热 with T 38.2 is fever.
 * - ILI: the Chinese national definition (流感样病例: 发热，腋下体温≥38℃，伴咳嗽或咽痛之一) — a cough or sore
 *   throat, with a temperature ≥ 38 ℃; or, when no temperature is known at all, with a fever word (the
 *   reporting clinician's 发热 stands for the measured fever that the definition asks for). A low-grade
 *   fever word (低热) never qualifies; a high-fever word (高热, ≥ 39 ℃ by usage) always does. A known
 *   temperature below 38 ℃ with a plain fever word is not ILI. ILI written out (流感样症状, ILI) is ILI.
 *   ILI implies fever and respiratory.
 * - HFMD: the disease named, or an eruption (皮疹, 疱疹) together with the hands and the feet, mouth or
 *   buttocks in the same complaint. HFMD implies rash.
 * - neuro: signs of meningitis, encephalitis or acute flaccid paralysis and severe headache; a plain
 *   headache or dizziness is not neurological here.
 */
export const SYNDROME_RULES: SyndromeRules = {
  version: '2025.2',
  terms: TERMS,
  // prettier-ignore
  negation: {
    before: {
      zh: [
        '无', '否认', '未见', '不伴', '不伴有', '没有', '没', '未', '未诉', '未出现', '无明显', '未伴',
        '未伴有', '未发现', '并无', '未见明显', '无任何', '否', '未曾', '从未', '不',
      ],
      en: [
        'no', 'denies', 'denied', 'deny', 'without', 'w/o', 'negative for', 'neg for', 'not', 'free of',
        'absence of', 'no signs of', 'no sign of', 'no evidence of', 'no history of', 'never had', 'nil',
        'none', "doesn't have", 'does not have', "didn't have", 'did not have',
      ],
    },
    listCues: ['denies', 'denied', 'deny', 'negative for', 'neg for', 'no history of', 'absence of', 'free of'],
    after: [
      '(-)', '(−)', '(无)', '(否)', '(neg)', '阴性', ': no', ':no', ':neg', 'absent', 'negative', '-ve',
      'resolved', '已退', '已消退',
    ],
    terminators: {
      zh: ['但', '但是', '却', '伴', '伴有', '有', '现', '出现', '并', '并发', '继而'],
      en: ['but', 'however', 'with', 'w/', 'has', 'have', 'had', 'reports', 'c/o', 'complains of', 'now'],
    },
    pseudo: {
      zh: [
        // Cues that negate nothing.
        '无明显诱因', '无诱因', '无明显原因', '无原因', '无明显缓解', '无缓解', '无好转', '无明显好转',
        '无改善', '无效', '无法', '无食欲', '无特殊', '无精打采', '未缓解', '未见缓解', '未好转', '未见好转',
        '未见明显好转', '未愈', '未就诊', '未就医', '未治疗', '未诊治', '未处理', '未予处理', '未予重视',
        '未予治疗', '未用药', '未服药', '未测', '未测量', '未测体温', '未退', '未消退', '未减轻', '未改善',
        '没好', '没有好转', '否则', '不适', '不止', '不退', '不能', '不停', '不好', '不佳', '不明', '不详',
        '不规律', '不畅', '不全', '不安', '不舒服', '不多', '不少', '不久', '不断', '不清楚', '不一',
        // Terms inside words that mean something else.
        '发热门诊', '发热诊室', '发热哨点', '退烧药', '退热药', '退烧', '退热', '热退', '手术', '手机', '洗手',
        '不足', '足月', '足球', '口服', '入口', '口罩', '荨麻疹', '湿疹', '痱子', '药疹', '脑出血', '外伤出血',
        '阴道出血', '月经', '痰培养', '吐字', '口干', '口渴',
      ],
      en: [
        'no improvement', 'no relief', 'no better', 'not better', 'not improving', 'not improved', 'no change',
        'not resolved', 'no response', 'no appetite', 'not eating', 'not sure', 'not known', 'no known',
        'flu shot', 'flu vaccine', 'hives', 'urticaria', 'eczema', 'heat rash', 'diaper rash', 'nappy rash',
        'no show', 'fever clinic', 'temperature check', 'hand injury', 'foot injury', 'by mouth',
      ],
    },
  },
  listJoiners: { zh: ['、', '和', '及', '或', '与', '以及', '/'], en: ['and', 'or', 'nor', '/', '&'] },
  // prettier-ignore
  temperaturePrefixes: [
    'tmax', 't max', 'temperature', 'temp', 'bt', 't', '体温', '最高体温', '体温最高', '腋温', '耳温', '肛温',
    '口温', '额温', '热峰', '最高', '最高达', '高达', '发热', '发烧', '高热', '高烧', '低热', '低烧', 'fever',
    'fevers', 'febrile', 'fever of', 'fever to', 'fever up to', 'temp of', 'temperature of', '烧到', '体温达',
  ],
  plausibleTemperature: { min: 34, max: 44 },
  traditionalToSimplified:
    '發发 燒烧 熱热 頭头 嘔呕 瀉泻 噁恶 紅红 腫肿 嚨咙 無无 認认 沒没 見见 體体 溫温 腸肠 膽胆 黃黄 結结 頸颈 強强 ' +
    '驚惊 識识 礙碍 難难 氣气 悶闷 癱瘫 瘓痪 腳脚 皰疱 潰溃 瘍疡 樣样 噴喷 劇剧 點点 齦龈 傷伤 風风 後后 時时 現现 ' +
    '為为 與与 門门 醫医 歲岁 個个 兩两 腦脑 膿脓 痺痹 癢痒 變变 鞏巩 膚肤 乾干 鬆松 蟲虫 測测 連连 續续 間间 陣阵 ' +
    '絞绞 顫颤 戰战 慄栗 診诊 狀状 癥症 陰阴 痙痉 嘯啸 餘余 瘧疟 麼么 這这 們们 嗎吗 淚泪 經经 藥药 療疗 處处 嚴严 ' +
    '噓嘘 蕁荨 濕湿 線线 臟脏 腎肾 膠胶 糞粪 帶带 塊块 雜杂 壓压 縮缩 繼继 歷历 週周 臨临 擴扩 類类 術术 機机 徵征 ' +
    '癇痫 顯显 濃浓 滲渗 衛卫 鬧闹 復复 導导 應应 裡里 齒齿 觸触 叢丛 囉啰 嚥咽 際际 紋纹 頻频 瘡疮 鬱郁 觀观 護护 ' +
    '問问 態态 廣广 聽听',
  syndromes: {
    fever: {
      any: [
        { concept: 'fever' },
        { concept: 'lowFever' },
        { concept: 'highFever' },
        { concept: 'ili' },
        { temperatureAtLeast: 37.3 },
      ],
    },
    ili: {
      any: [
        { concept: 'ili' },
        {
          all: [
            { any: [{ concept: 'cough' }, { concept: 'soreThroat' }] },
            {
              any: [
                { temperatureAtLeast: 38 },
                { concept: 'highFever' },
                { all: [{ noTemperature: true }, { concept: 'fever' }] },
              ],
            },
          ],
        },
      ],
    },
    respiratory: {
      any: [{ concept: 'cough' }, { concept: 'soreThroat' }, { concept: 'respiratory' }, { concept: 'ili' }],
    },
    gi: { any: [{ concept: 'diarrhoea' }, { concept: 'vomiting' }, { concept: 'gi' }] },
    rash: { any: [{ concept: 'rash' }, { concept: 'vesicle' }, { concept: 'hfmd' }] },
    hfmd: {
      any: [
        { concept: 'hfmd' },
        {
          all: [
            { any: [{ concept: 'rash' }, { concept: 'vesicle' }] },
            { concept: 'hand' },
            { any: [{ concept: 'foot' }, { concept: 'mouth' }, { concept: 'buttock' }] },
          ],
        },
      ],
    },
    neuro: { concept: 'neuro' },
    haemorrhagic: { concept: 'bleeding' },
    jaundice: { concept: 'jaundice' },
    conjunctivitis: { concept: 'conjunctivitis' },
  },
};
