import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const INPUT_CODES = new Set([undefined, 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED']);

/**
 * graphql-js reports bad enum values, missing fields and wrong types in English
 * with no code. Give them the stable code `input/invalid` and a Chinese lead so a
 * client can show and branch on them like the service's own errors.
 */
function translate(err: GraphQLError): GraphQLError {
  const code = err.extensions?.code as string | undefined;
  const cause = err.originalError;
  // Resolver failures keep their own handling (AppError codes, masking).
  if (!INPUT_CODES.has(code) || (cause && !(cause instanceof GraphQLError))) return err;
  return new GraphQLError(`请求参数无效：${err.message}`, {
    nodes: err.nodes,
    source: err.source,
    positions: err.positions,
    path: err.path,
    extensions: { ...err.extensions, code: 'input/invalid' },
  });
}

function mapResult(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  return { ...result, errors: result.errors.map(translate) };
}

export function useInputErrorCodes(): Plugin {
  return {
    // Variable coercion fails inside execute …
    onExecute: () => ({
      onExecuteDone({ result, setResult }) {
        if (!(Symbol.asyncIterator in result)) setResult(mapResult(result));
      },
    }),
    // … and inside subscribe for subscriptions …
    onSubscribe: () => ({
      onSubscribeResult({ result, setResult }) {
        if (!(Symbol.asyncIterator in result)) setResult(mapResult(result));
      },
    }),
    // … while parse and validation errors come out of the request pipeline.
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result)) setResult(result.map(mapResult));
      else if (result && typeof result === 'object' && !(Symbol.asyncIterator in result)) setResult(mapResult(result as ExecutionResult));
    },
  };
}
