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
