import { graphql } from './generated'

// Every operation the web sends lives here so codegen can type it; components import
// the typed documents, never raw strings.

export const ServerTimeQuery = graphql(`
  query ServerTime {
    serverTime
  }
`)

/** Read first: the snapshot that follows is at least as new as this sequence number. */
export const EventSeqQuery = graphql(`
  query EventSeq {
    eventSeq
  }
`)

/** The wall's first read: the seq to resume after, and when the last event it may see happened. */
export const WallEventSeqQuery = graphql(`
  query WallEventSeq {
    eventSeq
    lastEventAt
  }
`)

export const TickerItemFields = graphql(`
  fragment TickerItemFields on Item {
    id
    title
    category
    status
    adoptionLevel
    submittedAt
    version
    unit {
      id
      name
      kind
    }
  }
`)

export const LatestItemsQuery = graphql(`
  query LatestItems($first: Int!) {
    items(first: $first) {
      ...TickerItemFields
    }
  }
`)

export const ItemByIdQuery = graphql(`
  query ItemById($id: ID!) {
    item(id: $id) {
      ...TickerItemFields
    }
  }
`)

export const UnitSummaryQuery = graphql(`
  query UnitSummary($period: String) {
    unitSummary(period: $period) {
      period
      label
      quotaNote
      start
      end
      submitted
      adopted
      adoptionRate
      rows {
        unit {
          id
          name
          kind
        }
        submitted
        adopted
        adoptionRate
        quotaMinimum
        quotaStatus
      }
    }
  }
`)

export const EventsSubscription = graphql(`
  subscription Events($afterSeq: Int) {
    events(afterSeq: $afterSeq) {
      seq
      kind
      entityId
      unitId
      at
    }
  }
`)

// ── Incidents ────────────────────────────────────────────────────────────────

/**
 * What the wall may show of an incident: a display token sees these summary fields
 * and nothing else (no description, no reporter phone), so the wall never asks more.
 */
export const WallIncidentFields = graphql(`
  fragment WallIncidentFields on Incident {
    id
    unit {
      id
      name
    }
    kind
    severity
    title
    location
    occurredAt
    lateAt
    concealedAt
    warningAt
    nextFollowUpDueAt
    firstCountyReportAt
    clockState
    status
    consentRequestedAt
    lastUnitUpdateAt
    enteredByViewer
  }
`)

export const OpenIncidentsQuery = graphql(`
  query OpenIncidents {
    incidents(open: true, first: 100) {
      ...WallIncidentFields
    }
  }
`)

export const IncidentSummaryQuery = graphql(`
  query IncidentSummary($id: ID!) {
    incident(id: $id) {
      ...WallIncidentFields
    }
  }
`)

export const IncidentDetailFields = graphql(`
  fragment IncidentDetailFields on Incident {
    ...WallIncidentFields
    description
    casualties
    losses
    measures
    reporterName
    reporterPhone
    reportedAt
    acknowledgedAt
    closedAt
    needsApproval
    timeliness
    reportedBy {
      id
      name
    }
    enteredBy {
      id
      name
    }
    reports {
      id
      label
      direction
      kind
      number
      sentAt
      sentBy {
        id
        name
      }
      method
      byMainLeaderPersonally
      progress
      measures
      causes
      consequences
      workDone
      results
    }
    approvals {
      id
      decision
      comment
      requestedAt
      decidedAt
      requestedBy {
        id
        name
      }
      approver {
        id
        name
      }
    }
    leaderNotices {
      leader {
        id
        name
      }
      method
      notifiedAt
    }
    crossings {
      line
      dueAt
      claimedAt
    }
    accountability {
      step
      label
      seconds
      holderName
      from
      to
    }
  }
`)

export const IncidentDetailQuery = graphql(`
  query IncidentDetail($id: ID!) {
    incident(id: $id) {
      ...IncidentDetailFields
    }
  }
`)

/** 事件台账: a period's incidents (by when they happened) and the timeliness of their first county report. */
export const IncidentRecordQuery = graphql(`
  query IncidentRecord($period: String!, $first: Int!) {
    incidentTimeliness(period: $period) {
      period {
        key
        label
      }
      byUnit {
        key
        name
        total
        onTime
        late
        concealed
        pending
        overdue
      }
      byPerson {
        key
        name
        late
        concealed
        overdue
      }
    }
    incidents(period: $period, first: $first) {
      id
      unit {
        id
        name
      }
      kind
      severity
      title
      occurredAt
      status
      closedAt
      timeliness
      clockState
    }
  }
`)

export const UnitIncidentsQuery = graphql(`
  query UnitIncidents($unitId: ID, $open: Boolean) {
    incidents(unitId: $unitId, open: $open, first: 50) {
      ...WallIncidentFields
    }
  }
`)

export const ReportIncidentMutation = graphql(`
  mutation ReportIncident($input: ReportIncidentInput!) {
    reportIncident(input: $input) {
      ...WallIncidentFields
    }
  }
`)

export const AddIncidentUpdateMutation = graphql(`
  mutation AddIncidentUpdate($id: ID!, $input: IncidentUpdateInput!) {
    addIncidentUpdate(id: $id, input: $input) {
      ...IncidentDetailFields
    }
  }
`)

export const DecideIncidentApprovalMutation = graphql(`
  mutation DecideIncidentApproval($id: ID!, $approve: Boolean!, $comment: String) {
    decideIncidentApproval(id: $id, approve: $approve, comment: $comment) {
      ...IncidentDetailFields
    }
  }
`)

export const AcknowledgeIncidentMutation = graphql(`
  mutation AcknowledgeIncident($id: ID!, $leaderMethod: String) {
    acknowledgeIncident(id: $id, leaderMethod: $leaderMethod) {
      ...IncidentDetailFields
    }
  }
`)

export const RequestIncidentApprovalMutation = graphql(`
  mutation RequestIncidentApproval($id: ID!) {
    requestIncidentApproval(id: $id) {
      ...IncidentDetailFields
    }
  }
`)

export const ReportIncidentToCountyMutation = graphql(`
  mutation ReportIncidentToCounty($id: ID!, $input: CountyReportInput!) {
    reportIncidentToCounty(id: $id, input: $input) {
      ...IncidentDetailFields
    }
  }
`)

// ── Session ──────────────────────────────────────────────────────────────────

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      id
      name
      account
      roles
      title
      passwordChangeDue
      unitsInCharge {
        id
      }
      unit {
        id
        name
        kind
      }
    }
  }
`)

export const SignInMutation = graphql(`
  mutation SignIn($login: String!, $password: String!) {
    signIn(login: $login, password: $password) {
      token
      expiresAt
      person {
        id
        name
        roles
        unit {
          id
          name
        }
      }
    }
  }
`)

export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`)

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($current: String!, $next: String!) {
    changePassword(current: $current, next: $next)
  }
`)

export const UnitsQuery = graphql(`
  query Units($includeInactive: Boolean) {
    units(includeInactive: $includeInactive) {
      id
      name
      kind
      sortOrder
      active
      leaderInCharge {
        id
        name
      }
    }
  }
`)

// ── Items (informant and office) ─────────────────────────────────────────────

export const PhotoFields = graphql(`
  fragment PhotoFields on Attachment {
    id
    originalName
    mimeType
    size
    url
  }
`)

export const MyItemFields = graphql(`
  fragment MyItemFields on Item {
    id
    title
    body
    category
    channel
    status
    adoptionLevel
    occurredAt
    submittedAt
    reviewedAt
    meetingSummary
    version
    attachments {
      ...PhotoFields
    }
    unit {
      id
      name
    }
    author {
      id
      name
    }
    enteredBy {
      id
      name
    }
    reviews {
      id
      decision
      level
      comment
      createdAt
      itemVersion
      reviewer {
        id
        name
      }
    }
  }
`)

export const UnitItemsQuery = graphql(`
  query UnitItems($filter: ItemFilter, $first: Int) {
    items(filter: $filter, first: $first) {
      ...MyItemFields
    }
  }
`)

// 信息查询 (office): a page of the items found, and how many there are in all
export const ItemSearchQuery = graphql(`
  query ItemSearch($filter: ItemFilter, $first: Int, $offset: Int) {
    items(filter: $filter, first: $first, offset: $offset) {
      ...MyItemFields
    }
    itemCount(filter: $filter)
  }
`)

export const MyItemByIdQuery = graphql(`
  query MyItemById($id: ID!) {
    item(id: $id) {
      ...MyItemFields
    }
  }
`)

export const SubmitItemMutation = graphql(`
  mutation SubmitItem($input: SubmitItemInput!) {
    submitItem(input: $input) {
      ...MyItemFields
    }
  }
`)

export const ReviseItemMutation = graphql(`
  mutation ReviseItem($id: ID!, $input: ReviseItemInput!) {
    reviseItem(id: $id, input: $input) {
      ...MyItemFields
    }
  }
`)

export const ReviewQueueQuery = graphql(`
  query ReviewQueue($first: Int, $unitId: ID, $category: ItemCategory) {
    reviewQueue(first: $first, unitId: $unitId, category: $category) {
      ...MyItemFields
    }
    reviewQueueSummary(unitId: $unitId, category: $category) {
      total
      matching
      oldestSubmittedAt
      units {
        unitId
        unitName
        count
      }
      categories {
        category
        count
      }
    }
  }
`)

export const ItemVersionsQuery = graphql(`
  query ItemVersions($id: ID!) {
    item(id: $id) {
      id
      revisions {
        version
        title
        body
        meetingSummary
        category
        channel
        occurredAt
        createdAt
        editedBy {
          id
          name
        }
        photos {
          ...PhotoFields
        }
      }
    }
  }
`)

export const ReviewItemMutation = graphql(`
  mutation ReviewItem($id: ID!, $input: ReviewInput!) {
    reviewItem(id: $id, input: $input) {
      ...MyItemFields
    }
  }
`)

// ── Quotas, statistics, notices, scoring ─────────────────────────────────────

export const UnitNameQuery = graphql(`
  query UnitName($id: ID!) {
    unit(id: $id) {
      id
      name
      active
    }
  }
`)

export const QuotaBoardQuery = graphql(`
  query QuotaBoard {
    quotaBoard {
      month {
        key
        label
      }
      quarter {
        key
        label
      }
      rows {
        unit {
          id
          name
          kind
        }
        month {
          minimum
          submitted
          needed
          daysLeft
          status
        }
        quarter {
          minimum
          submitted
          needed
          daysLeft
          status
        }
        monthRaise {
          minimum
          reason
        }
        quarterRaise {
          minimum
          reason
        }
        upcoming {
          period
          minimum
          effectiveFromLabel
        }
      }
    }
  }
`)

export const StatisticsQuery = graphql(`
  query Statistics($period: String!) {
    statistics(period: $period) {
      quotaNote
      period {
        key
        label
        start
        end
        underWay
      }
      submitted
      adopted
      adoptionRate
      units {
        key
        name
        unitKind
        submitted
        adopted
        adoptionRate
        rank
        quotaMinimum
        quotaMet
        byCategory {
          category
          count
        }
        byLevel {
          level
          count
        }
      }
      people {
        key
        name
        submitted
        adopted
        adoptionRate
        rank
      }
    }
  }
`)

export const MonthlyTrendQuery = graphql(`
  query MonthlyTrend($months: Int, $unitId: ID) {
    monthlyTrend(months: $months, unitId: $unitId) {
      period {
        key
        label
      }
      submitted
      adopted
      adoptionRate
      recorded
    }
  }
`)

export const NoticeFields = graphql(`
  fragment NoticeFields on MonthlyNotice {
    id
    month
    revision
    status
    note
    quotaNote
    generatedAt
    publishedAt
    publishedBy {
      id
      name
    }
    rows {
      unitId
      unitName
      unitKind
      submitted
      adopted
      adoptionRate
      quotaMinimum
      quotaMet
    }
  }
`)

export const NoticesQuery = graphql(`
  query Notices($month: String) {
    notices(month: $month) {
      ...NoticeFields
    }
  }
`)

/** every month's revisions without their rows: which months are published, drafted or not done */
export const NoticeMonthsQuery = graphql(`
  query NoticeMonths {
    notices {
      id
      month
      revision
      status
    }
    monthlyTrend(months: 12) {
      period {
        key
      }
      recorded
    }
  }
`)

export const GenerateNoticeMutation = graphql(`
  mutation GenerateNotice($month: String!, $note: String) {
    generateNotice(month: $month, note: $note) {
      ...NoticeFields
    }
  }
`)

export const PublishNoticeMutation = graphql(`
  mutation PublishNotice($id: ID!) {
    publishNotice(id: $id) {
      ...NoticeFields
    }
  }
`)

export const ScoringSchemeFields = graphql(`
  fragment ScoringSchemeFields on ScoringScheme {
    perItem
    perMonthQuotaMet
    perQuarterQuotaMet
    perLateReport
    perConcealedReport
    perAdoption {
      WEBSITE
      BULLETIN
      COUNTY
      CITY
      PROVINCE
    }
  }
`)

export const ScoringSchemeQuery = graphql(`
  query ScoringScheme {
    scoringScheme {
      ...ScoringSchemeFields
    }
  }
`)

export const SaveScoringSchemeMutation = graphql(`
  mutation SaveScoringScheme($input: ScoringSchemeInput!) {
    saveScoringScheme(input: $input) {
      ...ScoringSchemeFields
    }
  }
`)

export const ScoreColumnFields = graphql(`
  fragment ScoreColumnFields on ScoreColumn {
    rule
    label
    per
    rate
  }
`)

export const YearScoresQuery = graphql(`
  query YearScores($year: Int!) {
    yearScores(year: $year) {
      year
      unitColumns {
        ...ScoreColumnFields
      }
      personColumns {
        ...ScoreColumnFields
      }
      units {
        key
        name
        rank
        total
        lines {
          rule
          label
          count
          points
        }
      }
      people {
        key
        name
        rank
        total
        lines {
          rule
          label
          count
          points
        }
      }
    }
  }
`)

// ── Deadlines (the emergency clock in force) ─────────────────────────────────

export const DeadlineConfigQuery = graphql(`
  query DeadlineConfig {
    deadlineConfig {
      lateAfterSec
      concealedAfterSec
      warnBeforeSec
      followUpEverySec
      approvalFrom
    }
  }
`)

/** The signed-in person's own number and units in charge (not in ViewerQuery: the wall never needs them). */
export const MyProfileQuery = graphql(`
  query MyProfile {
    viewer {
      id
      phone
      unitsInCharge {
        id
        name
      }
    }
  }
`)

// ── Wall: this month's items by category (dashboard scope: itemCount) ───────

export const CategoryCountsQuery = graphql(`
  query CategoryCounts($period: String!) {
    WORK_PROGRESS: itemCount(filter: { period: $period, category: WORK_PROGRESS })
    LEADER_ACTIVITY: itemCount(filter: { period: $period, category: LEADER_ACTIVITY })
    MEETING: itemCount(filter: { period: $period, category: MEETING })
    EMERGENCY: itemCount(filter: { period: $period, category: EMERGENCY })
    ECONOMY: itemCount(filter: { period: $period, category: ECONOMY })
    PRACTICE: itemCount(filter: { period: $period, category: PRACTICE })
    RESEARCH: itemCount(filter: { period: $period, category: RESEARCH })
  }
`)

// ── 催报 ────────────────────────────────────────────────────────────────────

export const QuotaProgressFields = graphql(`
  fragment QuotaProgressFields on QuotaProgress {
    minimum
    submitted
    needed
    daysLeft
    status
  }
`)

export const QuotaRaiseFields = graphql(`
  fragment QuotaRaiseFields on QuotaRaise {
    id
    period
    periodLabel
    unitKind
    minimum
    reason
    setByName
    updatedAt
    over
  }
`)

export const QuotaRuleFields = graphql(`
  fragment QuotaRuleFields on QuotaRule {
    id
    minimum
    effectiveFrom
    effectiveFromLabel
  }
`)

export const QuotaRulesQuery = graphql(`
  query QuotaRules {
    quotaRules {
      unitKind
      period
      current {
        ...QuotaRuleFields
      }
      scheduled {
        ...QuotaRuleFields
      }
    }
  }
`)

export const SetQuotaRuleMutation = graphql(`
  mutation SetQuotaRule($unitKind: UnitKind!, $period: QuotaPeriod!, $minimum: Int!, $effectiveFrom: String!) {
    setQuotaRule(unitKind: $unitKind, period: $period, minimum: $minimum, effectiveFrom: $effectiveFrom) {
      ...QuotaRuleFields
    }
  }
`)

export const RemoveQuotaRuleMutation = graphql(`
  mutation RemoveQuotaRule($id: ID!) {
    removeQuotaRule(id: $id)
  }
`)

export const QuotaRaisesQuery = graphql(`
  query QuotaRaises {
    quotaRaises {
      ...QuotaRaiseFields
    }
  }
`)

export const SetQuotaRaiseMutation = graphql(`
  mutation SetQuotaRaise($input: QuotaRaiseInput!) {
    setQuotaRaise(input: $input) {
      ...QuotaRaiseFields
    }
  }
`)

export const RemoveQuotaRaiseMutation = graphql(`
  mutation RemoveQuotaRaise($id: ID!) {
    removeQuotaRaise(id: $id)
  }
`)

export const OfficeQuotaQuery = graphql(`
  query OfficeQuota {
    quotaBoard {
      month {
        key
        label
      }
      quarter {
        key
        label
      }
      behind {
        unit {
          id
          name
          kind
        }
        month {
          ...QuotaProgressFields
        }
        quarter {
          ...QuotaProgressFields
        }
        monthRaise {
          reason
        }
        quarterRaise {
          reason
        }
      }
    }
  }
`)

export const ReminderFields = graphql(`
  fragment ReminderFields on Reminder {
    id
    message
    period
    createdAt
    unit {
      id
      name
    }
    sentBy {
      id
      name
    }
  }
`)

export const RemindersQuery = graphql(`
  query Reminders($unitId: ID, $first: Int) {
    reminders(unitId: $unitId, first: $first) {
      ...ReminderFields
    }
  }
`)

export const SendRemindersMutation = graphql(`
  mutation SendReminders($unitIds: [ID!]!, $message: String) {
    sendReminders(unitIds: $unitIds, message: $message) {
      ...ReminderFields
    }
  }
`)

// ── Admin ────────────────────────────────────────────────────────────────────

export const AdminPersonFields = graphql(`
  fragment AdminPersonFields on Person {
    id
    name
    account
    active
    passwordChangeDue
    phone
    title
    roles
    unit {
      id
      name
    }
    unitsInCharge {
      id
      name
    }
  }
`)

export const PeopleQuery = graphql(`
  query People($role: Role) {
    people(role: $role) {
      ...AdminPersonFields
    }
  }
`)

export const SavePersonMutation = graphql(`
  mutation SavePerson($id: ID, $input: PersonInput!) {
    savePerson(id: $id, input: $input) {
      ...AdminPersonFields
    }
  }
`)

export const SaveUnitMutation = graphql(`
  mutation SaveUnit($id: ID, $input: UnitInput!) {
    saveUnit(id: $id, input: $input) {
      id
      name
      kind
      leaderInCharge {
        id
        name
      }
    }
  }
`)

export const SessionsQuery = graphql(`
  query Sessions($personId: ID) {
    sessions(personId: $personId) {
      id
      kind
      label
      device
      current
      createdAt
      expiresAt
      lastSeenAt
      person {
        id
        name
      }
    }
  }
`)

export const MySessionsQuery = graphql(`
  query MySessions {
    mySessions {
      id
      device
      current
      createdAt
      lastSeenAt
    }
  }
`)

export const EndMySessionMutation = graphql(`
  mutation EndMySession($sessionId: ID!) {
    endMySession(sessionId: $sessionId)
  }
`)

export const RevokeSessionMutation = graphql(`
  mutation RevokeSession($sessionId: ID!) {
    revokeSession(sessionId: $sessionId)
  }
`)

export const CreateDisplayTokenMutation = graphql(`
  mutation CreateDisplayToken($personId: ID!, $label: String!) {
    createDisplayToken(personId: $personId, label: $label) {
      token
      sessionId
      expiresAt
    }
  }
`)

export const AuditEntryFields = graphql(`
  fragment AuditEntryFields on AuditEntry {
    id
    at
    actorId
    actorRoles
    address
    action
    entityType
    entityId
    before
    after
    hash
  }
`)

export const AuditLogQuery = graphql(`
  query AuditLog($action: String, $entityId: String, $first: Int, $beforeId: Int) {
    auditLog(action: $action, entityId: $entityId, first: $first, beforeId: $beforeId) {
      ...AuditEntryFields
    }
  }
`)

export const VerifyAuditQuery = graphql(`
  query VerifyAudit {
    verifyAudit {
      ok
      checked
      brokenAt
      reason
    }
  }
`)
