import { builder } from '../../builder.js';
import { db } from '../../db.js';
import { unitSummary, type PeriodSummary, type UnitSummaryRow } from './stats.service.js';

export const QuotaStatusEnum = builder.enumType('QuotaStatus', {
  values: {
    MET: { description: '已完成定额' },
    ON_PACE: { description: '进度正常' },
    BEHIND: { description: '进度落后' },
    NO_QUOTA: { description: '无定额要求' },
  } as const,
});

const UnitSummaryRef = builder.objectRef<UnitSummaryRow>('UnitSummary').implement({
  description: 'Per-unit figures for one period (China Standard Time)',
  fields: (t) => ({
    unit: t.prismaField({
      type: 'Unit',
      resolve: (query, row) => db().unit.findUniqueOrThrow({ ...query, where: { id: row.unitId } }),
    }),
    submitted: t.exposeInt('submitted', { description: '报送条数' }),
    adopted: t.exposeInt('adopted', { description: '采用条数' }),
    adoptionRate: t.exposeFloat('adoptionRate', { description: '采用率 = adopted / submitted; 0 when nothing was submitted' }),
    quotaMinimum: t.exposeInt('quotaMinimum', { nullable: true, description: '定额 for this period from the quota rules; null if none applies' }),
    quotaStatus: t.expose('quotaStatus', { type: QuotaStatusEnum }),
  }),
});

export const PeriodSummaryRef = builder.objectRef<PeriodSummary>('PeriodSummary').implement({
  fields: (t) => ({
    period: t.string({ description: 'normalised key: 2026-11 | 2026-Q4 | 2026 | 2026-11-25', resolve: (s) => s.period.key }),
    label: t.string({ description: 'Chinese label, e.g. 2026年11月', resolve: (s) => s.period.label }),
    start: t.field({ type: 'DateTime', resolve: (s) => s.period.start }),
    end: t.field({ type: 'DateTime', description: 'exclusive', resolve: (s) => s.period.end }),
    submitted: t.exposeInt('submitted'),
    adopted: t.exposeInt('adopted'),
    adoptionRate: t.exposeFloat('adoptionRate'),
    rows: t.field({ type: [UnitSummaryRef], resolve: (s) => s.rows }),
    quotaNote: t.exposeString('quotaNote', { nullable: true, description: '阶段性定额 that apply within the period, in words' }),
  }),
});

builder.queryFields((t) => ({
  unitSummary: t.field({
    authScopes: { dashboard: true },
    type: PeriodSummaryRef,
    description: 'Per-unit submitted, adopted, adoption rate and quota standing; period defaults to the current month (CST)',
    args: { period: t.arg.string() },
    resolve: (_root, args) => unitSummary(args.period),
  }),
}));
