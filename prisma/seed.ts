/**
 * The demo town: deterministic content (a fixed PRNG seed), laid out relative to
 * the moment it runs so that "this month" has data and one incident is counting
 * down right now. Re-running resets the database to the same state.
 *
 *   pnpm --filter @xinbao/prisma seed            # reset and seed
 *   pnpm --filter @xinbao/prisma seed --if-empty # seed only a database without units
 */
import { loadConfig } from '../server/src/config.js';
import { closeDb, db, openDb, type Prisma } from '../server/src/db.js';
import { applyMigrations } from '../server/src/db/migrate.js';
import { hashPassword } from '../server/src/modules/auth/password.js';
import { rebuildMonthStats } from '../server/src/modules/stats/month-stat.js';
import { cstInstant, cstParts } from '../server/src/modules/period/period.rules.js';
import { generateNotice, publishNotice } from '../server/src/modules/assessment/assessment.service.js';

export const DEMO_PASSWORD = 'xinbao-demo';

type UnitKind = 'OFFICE' | 'DEPARTMENT' | 'COMMUNITY' | 'VILLAGE';
type Category = 'WORK_PROGRESS' | 'LEADER_ACTIVITY' | 'MEETING' | 'EMERGENCY' | 'ECONOMY' | 'PRACTICE' | 'RESEARCH';
type Level = 'WEBSITE' | 'BULLETIN' | 'COUNTY' | 'CITY' | 'PROVINCE';

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    weighted: <T>(pairs: readonly (readonly [T, number])[]): T => {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [v, w] of pairs) if ((r -= w) < 0) return v;
      return pairs[pairs.length - 1]![0];
    },
  };
}

const UNITS: { id: string; name: string; kind: UnitKind; leader?: string; monthly: [number, number] }[] = [
  { id: 'u-office', name: '党政办', kind: 'OFFICE', monthly: [0, 0] },
  { id: 'u-jjfz', name: '经济发展办公室', kind: 'DEPARTMENT', leader: 'p-qian', monthly: [5, 9] },
  { id: 'u-nync', name: '农业农村办公室', kind: 'DEPARTMENT', leader: 'p-qian', monthly: [4, 8] },
  { id: 'u-pab', name: '平安办', kind: 'DEPARTMENT', leader: 'p-zheng', monthly: [4, 8] },
  { id: 'u-shsw', name: '社会事务办公室', kind: 'DEPARTMENT', leader: 'p-wu', monthly: [4, 7] },
  { id: 'u-zrzy', name: '自然资源所', kind: 'DEPARTMENT', leader: 'p-qian', monthly: [2, 5] },
  { id: 'u-czs', name: '财政所', kind: 'DEPARTMENT', leader: 'p-qian', monthly: [3, 6] },
  { id: 'u-yjgl', name: '应急管理办公室', kind: 'DEPARTMENT', leader: 'p-zheng', monthly: [5, 9] },
  { id: 'u-zhzf', name: '综合执法队', kind: 'DEPARTMENT', leader: 'p-zheng', monthly: [1, 4] },
  { id: 'u-whty', name: '文化体育站', kind: 'DEPARTMENT', leader: 'p-wu', monthly: [3, 7] },
  { id: 'u-wsjk', name: '卫生健康办公室', kind: 'DEPARTMENT', leader: 'p-wu', monthly: [4, 8] },
  { id: 'u-cd', name: '城东社区', kind: 'COMMUNITY', leader: 'p-wu', monthly: [5, 9] },
  { id: 'u-cx', name: '城西社区', kind: 'COMMUNITY', leader: 'p-wu', monthly: [4, 8] },
  { id: 'u-nj', name: '南街社区', kind: 'COMMUNITY', leader: 'p-wu', monthly: [2, 5] },
  { id: 'u-xh', name: '新华社区', kind: 'COMMUNITY', leader: 'p-wu', monthly: [5, 8] },
  { id: 'u-bh', name: '滨河社区', kind: 'COMMUNITY', leader: 'p-wu', monthly: [4, 7] },
  { id: 'u-ljc', name: '李家村', kind: 'VILLAGE', leader: 'p-zhou', monthly: [4, 8] },
  { id: 'u-wzc', name: '王庄村', kind: 'VILLAGE', leader: 'p-zhou', monthly: [3, 7] },
  { id: 'u-zwc', name: '张湾村', kind: 'VILLAGE', leader: 'p-zhou', monthly: [5, 8] },
  { id: 'u-lzc', name: '刘庄村', kind: 'VILLAGE', leader: 'p-zhou', monthly: [1, 4] },
  { id: 'u-cjb', name: '陈家坝村', kind: 'VILLAGE', leader: 'p-zhou', monthly: [4, 7] },
  { id: 'u-ylc', name: '杨柳村', kind: 'VILLAGE', leader: 'p-zhou', monthly: [3, 6] },
  { id: 'u-sqc', name: '石桥村', kind: 'VILLAGE', leader: 'p-zhou', monthly: [4, 7] },
  { id: 'u-htl', name: '黄土岭村', kind: 'VILLAGE', leader: 'p-zhou', monthly: [2, 5] },
  { id: 'u-zjb', name: '周家堡村', kind: 'VILLAGE', leader: 'p-zhou', monthly: [3, 6] },
  { id: 'u-hkc', name: '河口村', kind: 'VILLAGE', leader: 'p-zhou', monthly: [5, 8] },
];

const LEADERS = [
  { id: 'p-zhao', name: '赵建国', account: 'zhaojg', phone: '13900000001', title: '镇党委书记', roles: ['MAIN_LEADER'] },
  { id: 'p-sun', name: '孙明', account: 'sunming', phone: '13900000002', title: '镇长', roles: ['MAIN_LEADER'] },
  { id: 'p-qian', name: '钱立新', account: 'qianlx', phone: '13900000003', title: '副镇长', roles: ['LEADER'] },
  { id: 'p-wu', name: '吴海燕', account: 'wuhy', phone: '13900000004', title: '党委副书记', roles: ['LEADER'] },
  { id: 'p-zheng', name: '郑伟', account: 'zhengwei', phone: '13900000005', title: '政法委员', roles: ['LEADER'] },
  { id: 'p-zhou', name: '周小平', account: 'zhouxp', phone: '13900000006', title: '副镇长', roles: ['LEADER'] },
  { id: 'p-feng', name: '冯丽', account: 'fengli', phone: '13900000007', title: '党政办主任', roles: ['OFFICE'], unit: 'u-office' },
  { id: 'p-chen', name: '陈静', account: 'chenjing', phone: '13900000008', title: '党政办信息员', roles: ['OFFICE'], unit: 'u-office' },
  { id: 'p-duty', name: '值班室', account: 'duty', phone: null, title: '值班室大屏', roles: ['DUTY'], unit: 'u-office' },
  // the demo only: a real deployment creates its first administrator with `admin:create`
  { id: 'p-admin', name: '系统管理员', account: 'admin', phone: null, title: '系统管理员', roles: ['ADMIN'], unit: 'u-office' },
] as const;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐';
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '晓东'];

const TEMPLATES: Record<Category, string[]> = {
  WORK_PROGRESS: ['{u}推进{w}工作取得阶段性进展', '{u}{w}工作完成年度目标的{p}%', '{u}扎实开展{w}专项行动', '{u}召开{w}推进会部署下一步工作'],
  LEADER_ACTIVITY: ['镇党委书记赵建国到{u}调研{w}工作', '镇长孙明带队检查{u}{w}工作', '镇领导到{u}督导{w}落实情况'],
  MEETING: ['{u}召开{w}工作会议', '{u}组织{w}专题培训会', '{u}召开{w}工作部署会'],
  EMERGENCY: ['{u}妥善处置一起{x}', '{u}及时处置{x}，未造成人员伤亡'],
  ECONOMY: ['{u}前三季度{e}同比增长{p}%', '{u}{e}运行平稳', '{u}新签约项目{n}个，{e}稳步回升'],
  PRACTICE: ['{u}探索“{k}”工作法，{w}成效明显', '{u}以“{k}”推动{w}提质增效'],
  RESEARCH: ['关于{u}{w}情况的调研报告', '{u}{w}工作总结', '{u}关于{w}的汇报材料'],
};
const WORKS = ['人居环境整治', '秋冬季森林防火', '安全生产大检查', '矛盾纠纷排查化解', '高标准农田建设', '医保征缴', '乡村振兴', '文明城市创建', '防汛抗旱', '垃圾分类', '招商引资', '河长制', '基层党建', '老旧小区改造', '护林防火', '禁毒宣传'];
const EVENTS = ['道路交通事故', '民房火情', '山体滑坡险情', '工地施工人员受伤事件', '邻里纠纷引发的治安案件'];
const ECON = ['规上工业产值', '固定资产投资', '农村居民人均可支配收入', '社会消费品零售额', '特色农产品销售额'];
const KEYS = ['网格+', '四议两公开', '一线工作法', '马上办', '积分制管理'];

const DAY = 24 * 3600 * 1000;

export async function seed(now = new Date()): Promise<void> {
  const r = prng(20110322); // the day the regulation came into force
  const client = db();
  // Children first, so foreign keys never block the reset.
  await client.$transaction([
    client.event.deleteMany(),
    client.eventCounter.deleteMany(),
    client.auditEntry.deleteMany(),
    client.deadlineCrossing.deleteMany(),
    client.incidentLeaderNotice.deleteMany(),
    client.incidentApproval.deleteMany(),
    client.incidentReport.deleteMany(),
    client.incident.deleteMany(),
    client.noticeRow.deleteMany(),
    client.monthlyNotice.deleteMany(),
    client.reminder.deleteMany(),
    client.review.deleteMany(),
    client.attachment.deleteMany(),
    client.itemRevision.deleteMany(),
    client.item.deleteMany(),
    client.itemMonthStat.deleteMany(),
    client.session.deleteMany(),
    client.quotaRaise.deleteMany(),
    client.personRole.deleteMany(),
    client.unit.updateMany({ data: { leaderInChargeId: null } }),
    client.person.deleteMany(),
    client.unit.deleteMany(),
    client.quotaRule.deleteMany(),
    client.setting.deleteMany(),
  ]);
  await client.eventCounter.create({ data: { id: 1, seq: 0 } });

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const createdAt = new Date(now.getTime() - 400 * DAY);
  await client.unit.createMany({
    data: UNITS.map((u, i) => ({ id: u.id, name: u.name, kind: u.kind, sortOrder: i, createdAt })),
  });
  await client.person.createMany({
    data: LEADERS.map((p) => ({
      id: p.id,
      name: p.name,
      account: p.account,
      phone: p.phone,
      title: p.title,
      passwordHash,
      unitId: 'unit' in p ? p.unit : null,
      createdAt,
    })),
  });
  await client.personRole.createMany({ data: LEADERS.flatMap((p) => p.roles.map((role) => ({ personId: p.id, role }))) });

  const informants = UNITS.filter((u) => u.kind !== 'OFFICE').map((u, i) => ({
    id: `p-inf-${u.id.slice(2)}`,
    name: SURNAMES[(i * 7) % SURNAMES.length]! + GIVEN[(i * 11) % GIVEN.length]!,
    account: `xxy${String(i + 1).padStart(2, '0')}`,
    phone: `1380000${String(i + 1).padStart(4, '0')}`,
    title: `${u.name}信息员`,
    passwordHash,
    unitId: u.id,
    createdAt,
  }));
  await client.person.createMany({ data: informants });
  await client.personRole.createMany({ data: informants.map((p) => ({ personId: p.id, role: 'INFORMANT' as const })) });
  for (const u of UNITS) if (u.leader) await client.unit.update({ where: { id: u.id }, data: { leaderInChargeId: u.leader } });

  await client.quotaRule.createMany({
    data: [
      { unitKind: 'DEPARTMENT', period: 'MONTH', minimum: 5 },
      { unitKind: 'COMMUNITY', period: 'MONTH', minimum: 5 },
      { unitKind: 'VILLAGE', period: 'QUARTER', minimum: 15 },
      { unitKind: 'COMMUNITY', period: 'QUARTER', minimum: 15 },
    ],
  });

  // 阶段性定额: this quarter the villages are asked for three more (五.2)
  const cst = cstParts(now);
  await client.quotaRaise.create({
    data: { period: `${cst.year}-Q${Math.floor((cst.month - 1) / 3) + 1}`, unitKind: 'VILLAGE', minimum: 18, reason: '秋冬季森林防火专项宣传', setById: 'p-chen' },
  });

  // Six months of items: the five full months before this one, and this month so far.
  const items: Prisma.ItemCreateManyInput[] = [];
  const revisions: object[] = [];
  const reviews: object[] = [];
  let n = 0;
  for (let back = 5; back >= 0; back--) {
    const monthStart = cstInstant(cst.year, cst.month - back, 1);
    const monthEnd = back === 0 ? now : cstInstant(cst.year, cst.month - back + 1, 1);
    const share = (monthEnd.getTime() - monthStart.getTime()) / (30 * DAY);
    for (const u of UNITS) {
      if (u.kind === 'OFFICE') continue;
      const informant = informants.find((p) => p.unitId === u.id)!;
      const count = Math.round(r.int(u.monthly[0], u.monthly[1]) * Math.min(1, share));
      for (let k = 0; k < count; k++) {
        n++;
        const category = r.weighted<Category>([
          ['WORK_PROGRESS', 35], ['MEETING', 20], ['LEADER_ACTIVITY', 10], ['ECONOMY', 12], ['PRACTICE', 10], ['RESEARCH', 8], ['EMERGENCY', 5],
        ]);
        const title = r
          .pick(TEMPLATES[category])
          .replace('{u}', u.name)
          .replace('{w}', r.pick(WORKS))
          .replace('{x}', r.pick(EVENTS))
          .replace('{e}', r.pick(ECON))
          .replace('{k}', r.pick(KEYS))
          .replace('{p}', String(r.int(3, 96)))
          .replace('{n}', String(r.int(2, 9)));
        const submittedAt = new Date(monthStart.getTime() + r.next() * (monthEnd.getTime() - monthStart.getTime() - 60_000));
        const occurredAt = new Date(submittedAt.getTime() - r.int(1, 48) * 3600_000);
        const channel = r.weighted([['WRITTEN', 70], ['PHONE', 20], ['INTERVIEW', 10]] as const);
        const byOffice = channel === 'PHONE';
        const age = now.getTime() - submittedAt.getTime();
        // the office reviews most items within two days and the stragglers within two weeks
        const status = age < 2 * DAY
          ? r.weighted([['SUBMITTED', 70], ['ADOPTED', 20], ['RETURNED', 10]] as const)
          : age < 14 * DAY
            ? r.weighted([['ADOPTED', 55], ['NOT_ADOPTED', 30], ['RETURNED', 3], ['SUBMITTED', 12]] as const)
            : r.weighted([['ADOPTED', 61], ['NOT_ADOPTED', 36], ['RETURNED', 3]] as const);
        const level: Level | null = status === 'ADOPTED'
          ? r.weighted([['WEBSITE', 48], ['BULLETIN', 30], ['COUNTY', 16], ['CITY', 5], ['PROVINCE', 1]] as const)
          : null;
        const id = `i-${String(n).padStart(5, '0')}`;
        const body = `${title}。${u.name}高度重视，${r.pick(['主要负责同志亲自部署', '成立专项工作组', '召开专题会议研究'])}，` +
          `${r.pick(['截至目前', '本月以来', '近期'])}共${r.pick(['走访群众', '排查隐患', '组织活动', '完成任务'])}${r.int(5, 260)}${r.pick(['户', '处', '场', '项'])}，` +
          `${r.pick(['群众满意度明显提升', '取得了良好成效', '为下一步工作打下坚实基础'])}。`;
        const reviewedAt = status === 'SUBMITTED' ? null : new Date(Math.min(now.getTime() - 60_000, submittedAt.getTime() + r.int(1, 40) * 3600_000));
        const text = { category, channel, title, body, meetingSummary: category === 'MEETING' ? `会议传达了上级关于${r.pick(WORKS)}的部署要求，明确了责任分工和完成时限。` : null, occurredAt };
        // now and then an item in the queue was returned for figures and sent again
        // (chosen without the random stream, so the rest of the data stays as it was)
        const resent = status === 'SUBMITTED' && age < 2 * DAY && !byOffice && n % 4 === 0;
        const editor = byOffice ? 'p-chen' : informant.id;
        items.push({
          id, unitId: u.id, ...text, submittedAt, authorId: informant.id,
          enteredById: editor, status, version: resent ? 2 : 1, adoptionLevel: level, reviewedAt, updatedAt: reviewedAt ?? submittedAt,
        });
        if (resent) {
          const returnedAt = new Date(submittedAt.getTime() + age / 3);
          const resentAt = new Date(submittedAt.getTime() + (2 * age) / 3);
          revisions.push({ itemId: id, version: 1, ...text, body: `${title}。${u.name}高度重视，取得了良好成效。`, editedById: editor, createdAt: submittedAt });
          reviews.push({ itemId: id, itemVersion: 1, reviewerId: 'p-chen', createdAt: returnedAt, decision: 'RETURN', level: null, comment: '请补充具体数据和时间后重新报送' });
          revisions.push({ itemId: id, version: 2, ...text, editedById: editor, createdAt: resentAt });
        } else {
          revisions.push({ itemId: id, version: 1, ...text, editedById: editor, createdAt: submittedAt });
        }
        if (reviewedAt) {
          reviews.push({
            itemId: id, itemVersion: 1, reviewerId: r.pick(['p-feng', 'p-chen']), createdAt: reviewedAt,
            decision: status === 'ADOPTED' ? 'ADOPT' : status === 'NOT_ADOPTED' ? 'NOT_ADOPT' : 'RETURN',
            level,
            comment: status === 'RETURNED' ? '请补充具体数据和时间后重新报送' : status === 'NOT_ADOPTED' ? r.pick(['内容与前期信息重复', '信息价值不高', '时效性不足']) : null,
          });
        }
      }
    }
  }
  for (let i = 0; i < items.length; i += 500) await client.item.createMany({ data: items.slice(i, i + 500) });
  for (let i = 0; i < revisions.length; i += 500) await client.itemRevision.createMany({ data: revisions.slice(i, i + 500) as never });
  for (let i = 0; i < reviews.length; i += 500) await client.review.createMany({ data: reviews.slice(i, i + 500) as never });
  await rebuildMonthStats();

  await seedIncidents(now);
  await seedNotices(now);
}

/**
 * The three months before this one are published, each on the 3rd of the month after
 * (as the office does), through the same code as the 公示 screen; this month has none yet.
 */
async function seedNotices(now: Date) {
  const office = { personId: 'p-chen', name: '陈静', unitId: 'u-office', roles: new Set(['OFFICE'] as const), sessionId: 'seed', kind: 'USER' as const, unitsInCharge: [] };
  const cst = cstParts(now);
  for (let back = 3; back >= 1; back--) {
    const start = cstInstant(cst.year, cst.month - back, 1);
    const p = cstParts(start);
    const month = `${p.year}-${String(p.month).padStart(2, '0')}`;
    const at = cstInstant(p.year, p.month + 1, 3, 10);
    const draft = await generateNotice(office, month, null, at);
    await publishNotice(office, draft.id, at);
  }
}

async function seedIncidents(now: Date) {
  const client = db();
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const base = {
    casualties: '无人员死亡', losses: '初步估计直接经济损失约 2 万元', reporterPhone: '13800000000',
  };
  const incidents = [
    { // counting down right now: 50 minutes into the 2-hour window
      id: 'e-001', unitId: 'u-ljc', kind: 'WORK_INJURY', severity: 'GENERAL', status: 'ACKNOWLEDGED',
      title: '李家村砖厂一名工人作业时手部受伤', location: '李家村三组村办砖厂', occurredAt: ago(50), reportedAt: ago(38),
      description: '工人在操作制砖机时左手被卷入，已送县人民医院救治。', ...base, casualties: '1 人受伤，无生命危险', measures: '已停机检查，送医救治，通知安监部门',
      reporterName: '王伟', reportedById: 'p-inf-ljc', acknowledgedAt: ago(35), acknowledgedById: 'p-chen',
    },
    { // major, waiting for the main leader's consent
      id: 'e-002', unitId: 'u-cd', kind: 'SUDDEN_EVENT', severity: 'MAJOR', status: 'AWAITING_APPROVAL',
      title: '城东社区一居民楼发生燃气泄漏，疏散群众 120 余人', location: '城东社区幸福里小区 6 号楼', occurredAt: ago(80), reportedAt: ago(70),
      description: '6 号楼 3 单元燃气管道泄漏，社区已组织疏散并联系燃气公司抢修。', ...base, casualties: '2 人轻微不适，已送医观察', measures: '疏散群众、关闭总阀、设置警戒区',
      reporterName: '李芳', reportedById: 'p-inf-cd', acknowledgedAt: ago(66), acknowledgedById: 'p-feng',
    },
    { // past the 2-hour line, not yet reported to the county: late
      id: 'e-003', unitId: 'u-pab', kind: 'PUBLIC_SECURITY', severity: 'LARGE', status: 'ACKNOWLEDGED',
      title: '集贸市场发生一起聚众斗殴事件', location: '镇集贸市场东门', occurredAt: ago(185), reportedAt: ago(150),
      description: '两伙商户因摊位纠纷发生斗殴，派出所已到场处置。', ...base, casualties: '3 人轻伤', measures: '派出所出警，控制相关人员，调解纠纷',
      reporterName: '张强', reportedById: 'p-inf-pab', acknowledgedAt: ago(140), acknowledgedById: 'p-chen',
    },
    { // reported on time two days ago, follow-ups continuing
      id: 'e-004', unitId: 'u-yjgl', kind: 'NATURAL_DISASTER', severity: 'LARGE', status: 'REPORTED_TO_COUNTY',
      title: '强降雨引发黄土岭村山体滑坡险情', location: '黄土岭村五组后山', occurredAt: ago(2 * 1440 + 200), reportedAt: ago(2 * 1440 + 170),
      description: '连续强降雨导致后山出现裂缝和局部滑塌，威胁 8 户村民。', ...base, measures: '转移受威胁群众 26 人，设置监测点', casualties: '无人员伤亡',
      reporterName: '刘洋', reportedById: 'p-inf-yjgl', acknowledgedAt: ago(2 * 1440 + 165), acknowledgedById: 'p-feng',
      firstCountyReportAt: ago(2 * 1440 + 120),
    },
    { // closed last month, reported late (3 hours)
      id: 'e-005', unitId: 'u-zwc', kind: 'WORK_INJURY', severity: 'GENERAL', status: 'CLOSED',
      title: '张湾村农机作业时发生侧翻事故', location: '张湾村二组田间道路', occurredAt: ago(35 * 1440), reportedAt: ago(35 * 1440 - 60),
      description: '一台收割机在转场时侧翻，驾驶员受轻伤。', ...base, casualties: '1 人轻伤', measures: '送医、清理现场',
      reporterName: '陈杰', reportedById: 'p-inf-zwc', acknowledgedAt: ago(35 * 1440 - 70), acknowledgedById: 'p-chen',
      firstCountyReportAt: ago(35 * 1440 - 180), closedAt: ago(34 * 1440),
    },
  ] as const;
  for (const inc of incidents) {
    await client.incident.create({ data: { ...inc, enteredById: inc.reportedById } });
    await client.incidentReport.create({
      data: { incidentId: inc.id, direction: 'UNIT_TO_OFFICE', kind: 'INITIAL', number: 1, progress: inc.description, measures: inc.measures, sentAt: inc.reportedAt, sentById: inc.reportedById, method: '电话' },
    });
    const unit = UNITS.find((u) => u.id === inc.unitId)!;
    if (unit.leader) {
      await client.incidentLeaderNotice.create({ data: { incidentId: inc.id, leaderId: unit.leader, method: '电话', notifiedAt: inc.acknowledgedAt } });
    }
  }
  // closed incidents of earlier months, for 事件台账: minutes from the event to the unit's
  // report (toOffice) and to the office's 首报 to the county (toCounty)
  const history = [
    { id: 'e-006', unitId: 'u-wzc', kind: 'WORK_INJURY', severity: 'GENERAL', daysAgo: 160, toOffice: 25, toCounty: 70, by: 'p-chen',
      title: '王庄村一村民修缮房屋时坠落受伤', location: '王庄村四组', description: '村民在屋顶修缮时不慎坠落，腰部受伤。', casualties: '1 人受伤', measures: '送镇卫生院救治' },
    { id: 'e-007', unitId: 'u-yjgl', kind: 'NATURAL_DISASTER', severity: 'LARGE', daysAgo: 130, toOffice: 20, toCounty: 95, by: 'p-feng',
      title: '短时强降雨致镇区多处道路积水', location: '镇区主干道及城东低洼片区', description: '1 小时降雨 60 毫米，3 处路段积水超过 40 厘米。', casualties: '无人员伤亡', measures: '封闭积水路段，调集抽水泵排涝' },
    { id: 'e-008', unitId: 'u-xh', kind: 'PUBLIC_SECURITY', severity: 'GENERAL', daysAgo: 100, toOffice: 30, toCounty: 250, by: 'p-chen',
      title: '新华社区连续发生电动车被盗案件', location: '新华社区 3 号院', description: '一夜之间 4 辆电动车被盗，派出所已立案。', casualties: '无人员伤亡', measures: '加强夜间巡逻，排查监控' },
    { id: 'e-009', unitId: 'u-hkc', kind: 'SUDDEN_EVENT', severity: 'GENERAL', daysAgo: 75, toOffice: 660, toCounty: 720, by: 'p-chen',
      title: '河口村养殖鱼塘发生大面积死鱼', location: '河口村一组养殖区', description: '约 5 亩鱼塘出现大面积死鱼，疑似缺氧。村里次日上午才报告。', casualties: '无人员伤亡', measures: '打捞死鱼，检测水质' },
    { id: 'e-010', unitId: 'u-cx', kind: 'SUDDEN_EVENT', severity: 'LARGE', daysAgo: 48, toOffice: 15, toCounty: 60, by: 'p-feng',
      title: '城西社区一临街商铺发生火灾', location: '城西社区建设路 12 号', description: '商铺电线老化起火，消防到场扑灭。', casualties: '无人员伤亡', measures: '疏散周边住户，排查同类隐患' },
    { id: 'e-011', unitId: 'u-nync', kind: 'WORK_INJURY', severity: 'GENERAL', daysAgo: 12, toOffice: 20, toCounty: 100, by: 'p-chen',
      title: '农机合作社一名工人维修机械时受伤', location: '镇农机合作社', description: '维修时手部被划伤，已缝合处理。', casualties: '1 人轻伤', measures: '送医，停机检修' },
  ] as const;
  for (const h of history) {
    const at = (minutes: number) => new Date(now.getTime() - h.daysAgo * 1440 * 60_000 + minutes * 60_000);
    const informant = `p-inf-${h.unitId.slice(2)}`;
    const reporter = await client.person.findUniqueOrThrow({ where: { id: informant }, select: { name: true, phone: true } });
    await client.incident.create({
      data: {
        id: h.id, unitId: h.unitId, kind: h.kind, severity: h.severity, status: 'CLOSED', title: h.title, location: h.location, description: h.description,
        casualties: h.casualties, losses: '已核实', measures: h.measures, reporterName: reporter.name, reporterPhone: reporter.phone ?? '',
        occurredAt: at(0), reportedAt: at(h.toOffice), reportedById: informant, enteredById: informant,
        acknowledgedAt: at(h.toOffice + 5), acknowledgedById: h.by, firstCountyReportAt: at(h.toCounty), closedAt: at(2 * 1440),
      },
    });
    await client.incidentReport.createMany({
      data: [
        { incidentId: h.id, direction: 'UNIT_TO_OFFICE', kind: 'INITIAL', number: 1, progress: h.description, measures: h.measures, sentAt: at(h.toOffice), sentById: informant, method: '电话' },
        { incidentId: h.id, direction: 'OFFICE_TO_COUNTY', kind: 'INITIAL', number: 1, progress: h.description, measures: h.measures, sentAt: at(h.toCounty), sentById: h.by, method: '电话' },
        { incidentId: h.id, direction: 'OFFICE_TO_COUNTY', kind: 'FINAL', number: 2, results: '处置完毕', sentAt: at(2 * 1440), sentById: h.by, method: '书面' },
      ],
    });
  }
  await client.incidentApproval.create({ data: { incidentId: 'e-002', requestedAt: ago(60), requestedById: 'p-feng' } });
  await client.incidentReport.createMany({
    data: [
      { incidentId: 'e-004', direction: 'OFFICE_TO_COUNTY', kind: 'INITIAL', number: 1, progress: '山体出现裂缝，已转移群众', measures: '转移 26 人，设置监测点', sentAt: ago(2 * 1440 + 120), sentById: 'p-feng', method: '电话+书面' },
      { incidentId: 'e-004', direction: 'OFFICE_TO_COUNTY', kind: 'FOLLOW_UP', number: 2, progress: '滑坡体基本稳定', measures: '24 小时专人监测', workDone: '安置群众于村委会', sentAt: ago(2 * 1440), sentById: 'p-feng', method: '书面' },
      { incidentId: 'e-004', direction: 'OFFICE_TO_COUNTY', kind: 'FOLLOW_UP', number: 3, progress: '降雨停止，险情可控', measures: '组织专家评估', sentAt: ago(60), sentById: 'p-chen', method: '书面' },
      { incidentId: 'e-005', direction: 'OFFICE_TO_COUNTY', kind: 'INITIAL', number: 1, progress: '收割机侧翻，驾驶员轻伤', sentAt: ago(35 * 1440 - 180), sentById: 'p-chen', method: '电话' },
      { incidentId: 'e-005', direction: 'OFFICE_TO_COUNTY', kind: 'FINAL', number: 2, results: '伤者已出院，事故原因为路面湿滑、操作不当', causes: '路面湿滑', sentAt: ago(34 * 1440), sentById: 'p-chen', method: '书面' },
    ],
  });
}

// Run as a script.
if (process.argv[1]?.endsWith('seed.ts')) {
  const config = loadConfig();
  await applyMigrations(config.database);
  await openDb(config.database);
  try {
    const ifEmpty = process.argv.includes('--if-empty');
    if (ifEmpty && (await db().unit.count()) > 0) {
      console.log('数据库已有数据，跳过演示数据 (database not empty; seed skipped)');
    } else {
      const t0 = Date.now();
      await seed();
      const [items, incidents, notices] = await Promise.all([db().item.count(), db().incident.count(), db().monthlyNotice.count()]);
      console.log(`演示数据已生成: ${UNITS.length} 个单位, ${items} 条信息, ${incidents} 起突发事件, ${notices} 期公示 (${Date.now() - t0} ms); 演示密码 ${DEMO_PASSWORD}`);
    }
  } finally {
    await closeDb();
  }
}
