import type {
  AdoptionLevel,
  EventKind,
  ItemCategory,
  ItemStatus,
  QuotaStatus,
  UnitKind,
} from '../graphql/generated/graphql'

/**
 * Every user-visible string of the web app. The enum maps are typed against the
 * generated schema types, so a new enum value in the schema fails the typecheck
 * until it has a label here.
 */
export const zhCN = {
  /** BCP 47 tag handed to Intl formatters. */
  intlLocale: 'zh-CN',

  app: {
    name: '信报',
  },

  wall: {
    title: '信报 · 值班室大屏',
    documentTitle: '值班室大屏 · 信报',
    lastEvent: '最近事件',
    lastEventNone: '暂无',
    clockSyncing: '正在与服务器校时…',
    clockUnsynced: '未与服务器校时，显示本机时间',
    thisMonth: '本月',
    totalsSubmitted: '本月报送',
    totalsAdopted: '采用',
    totalsRate: '采用率',
    unitItems: '条',
    countsChartTitle: '各单位报送数量',
    adoptionChartTitle: '各单位采用率',
    quotaMarker: '最低定额',
    tickerTitle: '最新信息',
    loading: '加载中…',
    empty: '暂无数据',
    tickerEmpty: '暂无信息',
    loadFailed: '无法获取数据，正在重试…',
    notSubmitted: '未报送',
    tooltipSubmitted: '报送',
    tooltipAdopted: '采用',
    tooltipRate: '采用率',
    tooltipQuota: '定额',
    tooltipNoQuota: '本期无定额',
  },

  connection: {
    live: '实时',
    connecting: '连接中…',
    reconnecting: '重连中',
    /** `duration` is already formatted, e.g. "35 秒" or "2 分 05 秒". */
    disconnected: (duration: string) => `已断开 ${duration}`,
    seconds: (s: number) => `${s} 秒`,
    minutesSeconds: (m: number, s: number) => `${m} 分 ${String(s).padStart(2, '0')} 秒`,
    hoursMinutes: (h: number, m: number) => `${h} 小时 ${m} 分`,
  },

  category: {
    WORK_PROGRESS: '工作动态',
    LEADER_ACTIVITY: '领导活动',
    MEETING: '会议',
    EMERGENCY: '突发事件',
    ECONOMY: '经济运行',
    PRACTICE: '经验做法',
    RESEARCH: '调研信息',
  } satisfies Record<ItemCategory, string>,

  status: {
    SUBMITTED: '待审核',
    ADOPTED: '已采用',
    NOT_ADOPTED: '未采用',
    RETURNED: '退回修改',
  } satisfies Record<ItemStatus, string>,

  unitKind: {
    OFFICE: '党政办',
    DEPARTMENT: '部门',
    COMMUNITY: '社区',
    VILLAGE: '行政村',
  } satisfies Record<UnitKind, string>,

  quotaStatus: {
    MET: '已达标',
    ON_PACE: '进度正常',
    BEHIND: '进度落后',
    NO_QUOTA: '无定额',
  } satisfies Record<QuotaStatus, string>,

  adoptionLevel: {
    WEBSITE: '政府网站',
    BULLETIN: '信息简报',
    COUNTY: '县级采用',
    CITY: '市级采用',
    PROVINCE: '省级采用',
  } satisfies Record<AdoptionLevel, string>,

  eventKind: {
    ITEM_SUBMITTED: '信息报送',
    ITEM_REVISED: '信息修改',
    ITEM_REVIEWED: '信息审核',
    INCIDENT_REPORTED: '突发事件上报',
    INCIDENT_UPDATED: '突发事件续报',
    INCIDENT_DEADLINE: '突发事件时限',
    NOTICE_CHANGED: '公示更新',
    REMINDER_SENT: '催报提醒',
  } satisfies Record<EventKind, string>,
}

/** The shape every locale must provide (an English file would be `const en: Messages`). */
export type Messages = typeof zhCN
