import type { AdoptionLevel, Channel, ItemCategory, ItemStatus } from '../../generated/sqlite/enums.js';

/** The Chinese names of an item's fields' values, for messages and exports. */
export const STATUS_LABEL: Record<ItemStatus, string> = { SUBMITTED: '待审核', ADOPTED: '已采用', NOT_ADOPTED: '未采用', RETURNED: '退回修改' };
export const LEVEL_NAME: Record<AdoptionLevel, string> = { WEBSITE: '镇政府网站', BULLETIN: '镇信息简报', COUNTY: '县级', CITY: '市级', PROVINCE: '省级' };
export const CATEGORY_LABEL: Record<ItemCategory, string> = {
  WORK_PROGRESS: '工作动态',
  LEADER_ACTIVITY: '领导活动',
  MEETING: '会议',
  EMERGENCY: '突发事件',
  ECONOMY: '经济运行',
  PRACTICE: '经验做法',
  RESEARCH: '调研信息',
};
export const CHANNEL_LABEL: Record<Channel, string> = { PHONE: '电话', WRITTEN: '书面', INTERVIEW: '现场采访' };
