import type { TermGroup } from './types.js';

/**
 * The vocabulary of the syndrome rules: each group's terms, Chinese and English, name the same concepts.
 * Terms are matched on normalised text (NFKC, lower case, simplified characters, `-` between letters as a
 * space), longest first, English ones at word boundaries only. Common misspellings are listed as terms.
 * Named non-infectious conditions that contain a term (荨麻疹, 脑出血) are pseudo-phrases in rules.ts.
 */
// prettier-ignore
export const TERMS: readonly TermGroup[] = [
  // Fever, in three grades for the ILI definition (rules.ts): a plain fever word, a low-grade one and a high
  // one (高热 means ≥ 39 ℃ in Chinese clinical usage).
  {
    concepts: ['fever'],
    zh: ['发热', '发烧', '身热', '体温升高', '体温高', '烧到', '反复烧', '中度发热'],
    en: ['fever', 'fevers', 'febrile', 'pyrexia', 'feverish', 'feaver', 'fevre', 'fver'],
  },
  {
    concepts: ['lowFever'],
    zh: ['低热', '低烧', '午后低热'],
    en: ['low grade fever', 'low grade temp', 'mild fever', 'slight fever', 'low fever'],
  },
  {
    concepts: ['highFever'],
    zh: ['高热', '高烧', '发高烧', '发高热', '超高热'],
    en: ['high fever', 'high grade fever', 'hyperpyrexia', 'high temp', 'high temperature'],
  },
  {
    concepts: ['ili'],
    zh: ['流感样症状', '流感样病例', '流感样'],
    en: ['ili', 'influenza like illness', 'influenza like symptoms', 'flu like symptoms', 'flu like illness'],
  },
  // Respiratory: cough and sore throat apart, for the ILI definition.
  {
    concepts: ['cough'],
    zh: ['咳嗽', '咳', '干咳', '咳痰', '咳漱', '咳簌', '咳嗦', '呛咳', '阵咳', '痉咳', '咳嗽咳痰'],
    en: ['cough', 'coughs', 'coughing', 'coughed', 'cought', 'caugh', 'couhg', 'cuogh', 'dry cough'],
  },
  {
    concepts: ['soreThroat'],
    zh: [
      '咽痛', '咽疼', '咽喉痛', '咽喉疼痛', '咽喉肿痛', '咽部疼痛', '咽部痛', '喉咙痛', '喉咙疼', '喉痛',
      '嗓子痛', '嗓子疼', '吞咽痛', '咽炎', '扁桃体炎', '扁桃体肿大', '疱疹性咽峡炎', '咽峡炎', '喉咙肿痛',
    ],
    en: [
      'sore throat', 'sorethroat', 'throat pain', 'painful throat', 'throat hurts', 'pharyngitis',
      'tonsillitis', 'strep throat', 'odynophagia', 'sore throats', 'scratchy throat',
    ],
  },
  {
    concepts: ['respiratory'],
    zh: [
      '流涕', '流鼻涕', '流清涕', '鼻塞', '打喷嚏', '喷嚏', '气促', '气短', '气急', '呼吸困难', '呼吸急促',
      '喘息', '喘', '胸闷', '憋气', '痰', '吐痰', '肺炎', '支气管炎', '上呼吸道感染', '上感', '呼吸道感染',
      '感冒', '伤风', '流感', '咽部充血', '咽充血', '咽红', '鼻涕', '气喘', '新冠', '肺部感染',
    ],
    en: [
      'runny nose', 'rhinorrhea', 'rhinorrhoea', 'nasal congestion', 'congestion', 'stuffy nose', 'sneezing',
      'sob', 'shortness of breath', 'short of breath', 'dyspnea', 'dyspnoea', 'difficulty breathing',
      'breathing difficulty', 'wheezing', 'wheeze', 'pneumonia', 'bronchitis', 'uri', 'urti',
      'upper respiratory infection', 'chest infection', 'common cold', 'head cold', 'flu', 'influenza',
      'covid', 'sputum', 'phlegm', 'nasal discharge', 'croup',
    ],
  },
  // Respiratory and haemorrhagic at once.
  {
    concepts: ['respiratory', 'bleeding'],
    zh: ['咯血', '咳血', '痰中带血', '痰中带血丝', '血痰'],
    en: ['hemoptysis', 'haemoptysis', 'coughing blood', 'coughing up blood', 'blood in sputum'],
  },
  // Gastrointestinal.
  {
    concepts: ['diarrhoea'],
    zh: [
      '腹泻', '泻', '水样泻', '拉肚子', '拉稀', '稀便', '水样便', '稀水便', '稀水样便', '蛋花样便', '黏液便', '粘液便',
      '大便次数增多', '便次增多', '腹写', '腹泄', '拉水', '痢疾', '水泻', '大便稀',
    ],
    en: [
      'diarrhea', 'diarrhoea', 'diarhea', 'diarrea', 'diahrrea', 'diarrhae', 'diarreah', 'loose stool',
      'loose stools', 'watery stool', 'watery stools', 'loose motions', 'the runs', 'dysentery',
    ],
  },
  {
    concepts: ['vomiting'],
    zh: ['呕吐', '吐', '干呕', '呕'],
    en: [
      'vomiting', 'vomited', 'vomit', 'vomits', 'vommiting', 'vomitting', 'emesis', 'throwing up', 'threw up',
    ],
  },
  {
    concepts: ['diarrhoea', 'vomiting'],
    zh: ['上吐下泻', '吐泻'],
    en: ['n/v/d', 'nvd', 'vomiting and diarrhea', 'vomiting and diarrhoea', 'v/d'],
  },
  {
    concepts: ['gi'],
    zh: [
      '恶心', '反胃', '腹痛', '肚子痛', '肚子疼', '腹部疼痛', '腹部痛', '胃痛', '胃疼', '胃肠炎', '肠胃炎',
      '急性胃肠炎', '食物中毒', '腹部绞痛', '脐周痛', '肠炎',
    ],
    en: [
      'nausea', 'nauseous', 'nauseated', 'n/v', 'abdominal pain', 'abd pain', 'stomach ache', 'stomachache',
      'belly pain', 'stomach pain', 'tummy ache', 'gastroenteritis', 'gastro', 'food poisoning',
      'abdominal cramps', 'stomach cramps', 'stomach flu', 'stomach bug',
    ],
  },
  // GI and haemorrhagic at once.
  {
    concepts: ['gi', 'bleeding'],
    zh: ['呕血', '吐血', '便血', '黑便', '柏油样便', '大便带血', '便中带血', '大便有血'],
    en: [
      'hematemesis', 'haematemesis', 'vomiting blood', 'melena', 'melaena', 'blood in stool',
      'rectal bleeding',
    ],
  },
  {
    concepts: ['diarrhoea', 'bleeding'],
    zh: ['血便', '脓血便', '黏液脓血便', '血样便'],
    en: ['bloody stool', 'bloody stools', 'bloody diarrhea', 'bloody diarrhoea'],
  },
  // Rash: a vesicle (疱疹, blisters) is also an eruption of HFMD.
  {
    concepts: ['rash'],
    zh: [
      '皮疹', '出疹', '疹子', '起疹', '红疹', '斑疹', '丘疹', '斑丘疹', '疹', '风疹', '麻疹', '猩红热', '皮诊',
      '起红点', '红点', '红斑',
    ],
    en: [
      'rash', 'rashes', 'spots', 'measles', 'rubella', 'scarlet fever', 'exanthem', 'maculopapular', 'rask',
    ],
  },
  {
    concepts: ['vesicle'],
    zh: ['疱疹', '水疱', '水泡', '疱', '水痘', '带状疱疹', '泡疹'],
    en: [
      'blisters', 'blister', 'vesicles', 'vesicular', 'chickenpox', 'chicken pox', 'varicella', 'shingles',
    ],
  },
  {
    concepts: ['hfmd'],
    zh: ['手足口病', '手足口', '手口足病', '手足口综合征'],
    en: [
      'hfmd', 'hand foot mouth', 'hand foot and mouth', 'hand, foot and mouth', 'hand, foot, and mouth',
      'hand foot & mouth', 'hand foot mouth disease', 'hand foot and mouth disease',
    ],
  },
  // Symptoms that no syndrome uses: known so that they can be negated and can stand in a negated list
  // (denies fever, chills, or cough).
  {
    concepts: [],
    zh: [
      '头痛', '头疼', '头晕', '畏寒', '寒战', '发冷', '肌肉酸痛', '全身酸痛', '肌痛', '关节痛', '乏力', '无力',
      '四肢无力', '全身无力', '纳差', '食欲差', '食欲不振', '胸痛', '腰痛', '心悸', '疲劳', '精神差', '哭闹',
      '盗汗', '出汗', '多汗', '头昏', '浑身疼',
    ],
    en: [
      'chills', 'rigors', 'headache', 'headaches', 'dizziness', 'dizzy', 'fatigue', 'malaise', 'myalgia',
      'myalgias', 'body aches', 'body ache', 'aches', 'weakness', 'tired', 'lethargy', 'lethargic',
      'chest pain', 'back pain', 'poor appetite', 'decreased appetite', 'sweats', 'night sweats', 'fussy',
      'joint pain',
    ],
  },
  // Body sites, only meaningful for HFMD.
  {
    concepts: ['hand'],
    zh: ['手', '手掌', '手心', '手指', '手部'],
    en: ['hand', 'hands', 'palm', 'palms', 'fingers'],
  },
  {
    concepts: ['foot'],
    zh: ['足', '脚', '足底', '脚底', '脚心', '足部', '脚掌'],
    en: ['foot', 'feet', 'sole', 'soles', 'toes'],
  },
  { concepts: ['hand', 'foot'], zh: ['手足', '手脚', '手心脚心', '手掌足底', '四肢末端'], en: [] },
  {
    concepts: ['mouth'],
    zh: ['口', '口腔', '嘴', '口唇', '舌', '口腔溃疡', '口腔黏膜', '咽峡', '嘴里'],
    en: ['mouth', 'oral', 'tongue', 'mouth ulcers', 'mouth sores', 'oral ulcers', 'mouth ulcer'],
  },
  { concepts: ['buttock'], zh: ['臀部', '臀', '屁股', '肛周'], en: ['buttocks', 'buttock'] },
  // Neurological: signs of meningitis, encephalitis, acute flaccid paralysis. A plain headache or dizziness
  // is not one (too common with every fever); a severe headache is.
  {
    concepts: ['neuro'],
    zh: [
      '抽搐', '惊厥', '抽风', '意识障碍', '意识不清', '意识模糊', '神志不清', '神志模糊', '昏迷', '昏睡',
      '嗜睡', '谵妄', '颈强直', '颈项强直', '颈抵抗', '脖子硬', '颈部僵硬', '颈部强直', '脖子僵硬', '脑膜刺激征', '瘫痪', '偏瘫', '肢体麻痹',
      '弛缓性麻痹', '肢体瘫痪', '肢体无力', '剧烈头痛', '头痛剧烈', '头剧痛', '喷射性呕吐', '喷射状呕吐',
      '脑炎', '脑膜炎', '肢体抖动', '易惊', '四肢抽动', '角弓反张', '癫痫发作',
    ],
    en: [
      'seizure', 'seizures', 'convulsion', 'convulsions', 'fitting', 'altered mental status', 'ams',
      'confusion', 'confused', 'unresponsive', 'unconscious', 'loss of consciousness', 'loc', 'coma',
      'stiff neck', 'neck stiffness', 'nuchal rigidity', 'meningitis', 'encephalitis', 'paralysis',
      'limb weakness', 'severe headache', 'worst headache', 'projectile vomiting', 'delirium', 'obtunded',
      'acute flaccid paralysis', 'afp',
    ],
  },
  { concepts: ['neuro', 'highFever'], zh: ['高热惊厥', '热性惊厥'], en: [] },
  { concepts: ['neuro', 'fever'], zh: [], en: ['febrile seizure', 'febrile seizures', 'febrile convulsion'] },
  // Haemorrhagic (a named trauma, obstetric or stroke bleed is a pseudo-phrase in rules.ts).
  {
    concepts: ['bleeding'],
    zh: [
      '出血', '鼻出血', '流鼻血', '鼻子出血', '尿血', '鼻衄', '牙龈出血', '牙出血', '皮下出血', '皮肤瘀斑', '瘀斑', '淤斑', '瘀点',
      '淤点', '出血点', '出血斑', '紫癜', '血尿', '出血热', '流行性出血热', '牙龈渗血', '渗血',
    ],
    en: [
      'bleeding', 'hemorrhage', 'haemorrhage', 'hemorrhagic', 'haemorrhagic', 'nosebleed', 'nosebleeds',
      'nose bleed', 'epistaxis', 'bleeding gums', 'gum bleeding', 'petechiae', 'petechial', 'purpura',
      'hematuria', 'haematuria', 'blood in urine', 'bloody nose', 'easy bruising', 'hemorrhagic fever',
    ],
  },
  {
    concepts: ['jaundice'],
    zh: [
      '黄疸', '皮肤黄染', '巩膜黄染', '皮肤变黄', '眼睛黄', '眼睛变黄', '巩膜黄', '身目黄染', '目黄', '眼黄', '眼睛发黄', '皮肤发黄', '皮肤黄', '黄染',
      '身黄', '眼白发黄', '皮肤巩膜黄染',
    ],
    en: [
      'jaundice', 'jaundiced', 'icterus', 'icteric', 'scleral icterus', 'yellow skin', 'yellow eyes',
      'yellowing of skin', 'yellowing of the skin', 'yellowing of eyes', 'yellowing of the eyes', 'jaundise',
    ],
  },
  {
    concepts: ['conjunctivitis'],
    zh: [
      '结膜炎', '红眼病', '红眼', '眼红', '眼睛红', '眼睛发红', '眼部充血', '结膜充血', '眼结膜充血',
      '眼分泌物增多', '眼分泌物', '眼屎多', '眼睛充血', '双眼充血', '眼红肿', '眼发红', '双眼红',
    ],
    en: [
      'conjunctivitis', 'pink eye', 'pinkeye', 'red eye', 'red eyes', 'eye redness', 'conjunctival injection',
      'eye discharge', 'bloodshot eyes', 'conjunctival congestion',
    ],
  },
];
