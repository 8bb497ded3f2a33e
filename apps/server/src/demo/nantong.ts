/*
 * Demo data for Nantong: the city's bodies, towns and streets (real place names), sectors and
 * committees as CPPCC bodies commonly have them, and departments. People are generated: no
 * real person's name appears here.
 */

export const CITY = '南通市政协';

/** County-level bodies with at least three towns, streets or parks each. */
export const COUNTIES: { name: string; towns: [string, 'town' | 'street' | 'park'][] }[] = [
  {
    name: '崇川区政协',
    towns: [
      ['和平桥街道', 'street'],
      ['任港街道', 'street'],
      ['狼山镇街道', 'street'],
      ['观音山街道', 'street'],
    ],
  },
  {
    name: '通州区政协',
    towns: [
      ['金沙街道', 'street'],
      ['石港镇', 'town'],
      ['西亭镇', 'town'],
      ['南通高新区', 'park'],
    ],
  },
  {
    name: '海门区政协',
    towns: [
      ['海门街道', 'street'],
      ['三厂街道', 'street'],
      ['常乐镇', 'town'],
    ],
  },
  {
    name: '如东县政协',
    towns: [
      ['掘港街道', 'street'],
      ['栟茶镇', 'town'],
      ['洋口镇', 'town'],
    ],
  },
  {
    name: '启东市政协',
    towns: [
      ['汇龙镇', 'town'],
      ['吕四港镇', 'town'],
      ['寅阳镇', 'town'],
    ],
  },
  {
    name: '如皋市政协',
    towns: [
      ['如城街道', 'street'],
      ['白蒲镇', 'town'],
      ['长江镇', 'town'],
    ],
  },
  {
    name: '海安市政协',
    towns: [
      ['海安街道', 'street'],
      ['城东镇', 'town'],
      ['李堡镇', 'town'],
    ],
  },
];

export const SECTORS = [
  '中国共产党',
  '中国国民党革命委员会',
  '中国民主同盟',
  '中国民主建国会',
  '中国民主促进会',
  '中国农工民主党',
  '中国致公党',
  '九三学社',
  '无党派人士',
  '中国共产主义青年团',
  '总工会',
  '妇女联合会',
  '科学技术协会',
  '工商业联合会',
  '文化艺术界',
  '科学技术界',
  '社会科学界',
  '经济界',
  '农业界',
  '教育界',
  '体育界',
  '新闻出版界',
  '医药卫生界',
  '对外友好界',
  '社会福利和社会保障界',
  '少数民族界',
  '宗教界',
  '特邀人士',
];

export const SPECIAL_COMMITTEES = [
  '提案委员会',
  '经济委员会',
  '农业农村委员会',
  '人口资源环境委员会',
  '教科卫体委员会',
  '社会和法制委员会',
  '民族宗教委员会',
  '港澳台侨和外事委员会',
  '文化文史和学习委员会',
];

export const PARTICIPATING_UNITS: [string, 'party' | 'federation' | 'organisation'][] = [
  ['民革南通市委会', 'party'],
  ['民盟南通市委会', 'party'],
  ['民建南通市委会', 'party'],
  ['民进南通市委会', 'party'],
  ['农工党南通市委会', 'party'],
  ['致公党南通市委会', 'party'],
  ['九三学社南通市委会', 'party'],
  ['南通市工商业联合会', 'federation'],
  ['共青团南通市委', 'organisation'],
  ['南通市总工会', 'organisation'],
  ['南通市妇女联合会', 'organisation'],
  ['南通市科学技术协会', 'organisation'],
];

export const DEPARTMENTS = [
  '南通市发展和改革委员会',
  '南通市教育局',
  '南通市科学技术局',
  '南通市工业和信息化局',
  '南通市公安局',
  '南通市民政局',
  '南通市司法局',
  '南通市财政局',
  '南通市人力资源和社会保障局',
  '南通市自然资源和规划局',
  '南通市生态环境局',
  '南通市住房和城乡建设局',
  '南通市城市管理局',
  '南通市交通运输局',
  '南通市水利局',
  '南通市农业农村局',
  '南通市商务局',
  '南通市文化广电和旅游局',
  '南通市卫生健康委员会',
  '南通市市场监督管理局',
  '南通市医疗保障局',
  '南通市数据局',
];

export const EXPERTISE = [
  '城市规划',
  '老旧小区改造',
  '养老服务',
  '基础教育',
  '医疗卫生',
  '生态环境',
  '交通管理',
  '社区治理',
  '法律服务',
  '农业技术',
  '食品安全',
  '文化旅游',
  '中小企业',
  '海洋经济',
  '数字政务',
  '水利工程',
];

/** Common surnames and given-name characters; names are drawn from these, not taken from people. */
export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆范汪廖石金贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤'.split(
    '',
  );
export const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志文辉鹏俊峰晨晓雪琳宇浩然思佳嘉欣怡梓涵子轩雨萱博文一鸣海燕春梅秋菊冬松柏青云天翔瑞祥德福'.split(
    '',
  );
