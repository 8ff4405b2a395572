//! Word lists for demo data. Every organisation is invented: names are built from
//! neutral words, and credit codes are generated, so no screenshot shows a real firm.

pub const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗",
];

pub const GIVEN_NAMES: &[&str] = &[
    "明", "华", "强", "丽", "军", "洋", "勇", "艳", "杰", "娟", "涛", "超", "静", "磊", "敏", "鹏",
    "婷", "宇", "晨", "悦", "志远", "海燕", "文博", "春雷", "雪梅", "国庆", "思源", "建新", "晓东",
    "立群",
];

pub const DEPARTMENTS: &[&str] = &[
    "招商服务处",
    "营商环境处",
    "产业发展处",
    "综合执法处",
    "财务审计处",
    "办公室",
];

pub const POSITIONS: &[&str] = &["处长", "副处长", "一级主任科员", "二级主任科员", "科员"];

pub const DISTRICTS: &[&str] = &[
    "和平",
    "沈河",
    "大东",
    "皇姑",
    "铁西",
    "浑南",
    "于洪",
    "沈北",
    "苏家屯",
    "辽中",
];

pub const BRAND_WORDS: &[&str] = &[
    "星辰", "远航", "恒信", "瑞丰", "智联", "鼎盛", "华拓", "新程", "北辰", "锦程", "启明", "宏图",
    "同泰", "安禾", "云杉", "博远", "德润", "汇川", "凯诺", "景行",
];

pub const INDUSTRIES: &[&str] = &[
    "智能装备",
    "机器人",
    "新材料",
    "生物医药",
    "软件科技",
    "汽车零部件",
    "食品",
    "物流",
    "建筑工程",
    "环保科技",
];

pub const ASSOCIATIONS: &[&str] = &[
    "软件行业协会",
    "装备制造商会",
    "民营企业商会",
    "物流协会",
    "食品工业协会",
];

pub const CITIES: &[(&str, &str)] = &[
    ("广东省", "深圳市"),
    ("广东省", "广州市"),
    ("上海市", "上海市"),
    ("北京市", "北京市"),
    ("浙江省", "杭州市"),
    ("江苏省", "南京市"),
    ("江苏省", "苏州市"),
    ("辽宁省", "大连市"),
    ("山东省", "青岛市"),
    ("四川省", "成都市"),
    ("湖北省", "武汉市"),
    ("天津市", "天津市"),
];

pub const TRIP_PURPOSES: &[&str] = &[
    "参加产业招商推介会",
    "考察拟落户项目总部",
    "陪同企业参加投资洽谈会",
    "赴外地签约重点项目",
    "对接产业链配套企业",
];

pub const MEAL_PLACES: &[&str] = &["职工食堂", "员工餐厅", "会议中心餐厅", "园区食堂"];

pub const GIFT_ITEMS: &[(&str, &str)] = &[
    ("localSpecialty", "新茶叶礼盒"),
    ("goods", "纪念画册"),
    ("goods", "企业文创笔记本"),
    ("localSpecialty", "特产大米"),
    ("prepaidCard", "超市购物卡"),
    ("electronicRedEnvelope", "微信红包"),
    ("cash", "现金红包"),
    ("goods", "保温杯"),
];

pub const CONTACT_PURPOSES: &[&str] = &[
    "走访了解企业用地需求",
    "座谈听取企业意见建议",
    "协调解决融资难题",
    "宣讲惠企政策",
    "现场办公解决审批问题",
];
