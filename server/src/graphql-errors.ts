import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const INPUT_CODES = new Set([undefined, 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED']);

/** graphql-js's reasons for refusing a value, in Chinese (its wording is stable within v16). */
const REASONS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^Float cannot represent non numeric value: (.*)$/s, (m) => `应为数字，收到 ${m[1]}`],
  [/^Int cannot represent non-integer value: (.*)$/s, (m) => `应为整数，收到 ${m[1]}`],
  [/^Int cannot represent non 32-bit signed integer value: (.*)$/s, (m) => `超出整数范围：${m[1]}`],
  [/^String cannot represent a non string value: (.*)$/s, (m) => `应为文字，收到 ${m[1]}`],
  [/^Boolean cannot represent a non boolean value: (.*)$/s, (m) => `应为 true 或 false，收到 ${m[1]}`],
  [/^ID cannot represent value: (.*)$/s, (m) => `应为编号，收到 ${m[1]}`],
  [/^Value (".*?") does not exist in "\w+" enum\.?(?: Did you mean .*)?$/s, (m) => `取值 ${m[1]} 不在可选范围内`],
  [/^Expected value of type "[^"]+", found null\.?$/s, () => '必须填写'],
];

/** The first of REASONS that matches, said in Chinese; null when none does. */
function sayReason(text: string): string | null {
  for (const [re, say] of REASONS) {
    const m = re.exec(text);
    if (m) return say(m);
  }
  return null;
}

/**
 * What graphql-js says of a bad variable or argument, as a Chinese message and the
 * field it is about (`perItem`, `perAdoption.PROVINCE`: the path inside the variable,
 * as a form names its inputs), or null when the message is not one of its known
 * forms. Reasons it words itself (our DateTime scalar's) are kept as they are.
 */
export function describeInputError(message: string): { text: string; field: string | null } | null {
  const missingVariable = /^Variable "\$(\w+)" of required type "[^"]+" was not provided\.$/.exec(message);
  if (missingVariable) return { text: `${missingVariable[1]} 必须填写`, field: missingVariable[1]! };
  const bad = /^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?; (.*)$/s.exec(message);
  if (!bad) {
    const known = sayReason(message);
    return known === null ? null : { text: known, field: null };
  }
  const [, variable, at, reason] = bad as unknown as [string, string, string | undefined, string];
  // the path inside the variable: "input.perAdoption" → "perAdoption"; a scalar variable is itself
  const base = at ? at.split('.').slice(1).join('.') : '';
  const join = (name: string) => (base ? `${base}.${name}` : name);
  const missing = /^Field "(\w+)" of required type "[^"]+" was not provided\.$/.exec(reason);
  if (missing) return { text: `${join(missing[1]!)} 必须填写`, field: join(missing[1]!) };
  const unknown = /^Field "(\w+)" is not defined by type "\w+"\.?(?: Did you mean .*)?$/s.exec(reason);
  if (unknown) return { text: `${join(unknown[1]!)} 不是可填写的项`, field: join(unknown[1]!) };
  return { text: `${base || variable} ${sayReason(reason) ?? reason}`, field: base || variable };
}

/**
 * graphql-js reports bad enum values, missing fields and wrong types in English
 * with no code. Give them the stable code `input/invalid`, a Chinese message naming
 * the field (in `extensions.fields` too, as the service's own refusals do) and keep
 * graphql-js's words in `extensions.detail` for whoever writes a client.
 */
function translate(err: GraphQLError): GraphQLError {
  const code = err.extensions?.code as string | undefined;
  const cause = err.originalError;
  // Resolver failures keep their own handling (AppError codes, masking).
  if (!INPUT_CODES.has(code) || (cause && !(cause instanceof GraphQLError))) return err;
  const described = describeInputError(err.message);
  return new GraphQLError(`请求参数无效：${described?.text ?? err.message}`, {
    nodes: err.nodes,
    source: err.source,
    positions: err.positions,
    path: err.path,
    extensions: {
      ...err.extensions,
      code: 'input/invalid',
      ...(described ? { detail: err.message } : {}),
      ...(described?.field ? { fields: [described.field] } : {}),
    },
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
