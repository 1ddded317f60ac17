import { GraphQLError } from 'graphql';

/**
 * Stable error codes. The web types these too; never rename one, add new ones.
 * Messages are Chinese because they are shown to the user as they are.
 */
export type ErrorCode =
  | 'input/invalid'
  | 'input/too_long'
  | 'unit/not_found'
  | 'item/not_found'
  | 'item/idempotency_conflict'
  | 'incident/idempotency_conflict'
  | 'auth/unauthenticated'
  | 'auth/bad_credentials'
  | 'auth/forbidden'
  | 'auth/locked'
  | 'period/invalid'
  | 'incident/not_found'
  | 'incident/no_skipping_levels'
  | 'incident/approval_required'
  | 'incident/closed'
  | 'incident/wrong_report_kind'
  | 'incident/approval_state'
  | 'item/wrong_state'
  | 'notice/not_found'
  | 'notice/published'
  | 'notice/stale'
  | 'notice/busy'
  | 'upload/too_large'
  | 'upload/bad_type'
  | 'config/invalid'
  | 'events/ahead_of_log';

/** A rule violation or bad input: becomes a GraphQL error with `extensions.code`. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, { extensions: { code, ...details } });
    this.name = 'AppError';
  }
}
