import { canonicalJson } from '../../report/canonical-json.js';
import {
  finalize,
  freshKey,
  idempotencyParam,
  toRequest,
  validInputs,
  type Inputs,
} from '../build-requests.js';
import type { RunContext } from '../context.js';
import { responseFor } from '../operations.js';
import type { Operation } from '../types.js';

/**
 * Idempotent create (draft-ietf-httpapi-idempotency-key-header §2): the same key with the same body
 * replays the first response byte for byte; the same key with a different body is refused with a
 * documented 4xx and an error code, the same code every time.
 */
export async function checkIdempotency(ctx: RunContext, op: Operation): Promise<void> {
  const param = idempotencyParam(ctx, op);
  if (param === undefined) return;
  const samples = validInputs(ctx, op, 8);
  const first = samples[0];
  const other = samples.find(
    (s) => first !== undefined && canonicalJson(s.body) !== canonicalJson(first.body),
  );
  if (first === undefined || other === undefined) {
    ctx.skip(
      'idempotency-replay',
      `${op.method.toUpperCase()} ${op.path}: could not generate two different valid bodies`,
    );
    return;
  }
  const key = freshKey(ctx, param, first.header[param.name]);
  const withKey = (inputs: Inputs): Inputs => {
    const f = finalize(ctx, op, inputs, 0);
    return { ...f, header: { ...f.header, [param.name]: key } };
  };
  const a = withKey(first);
  const b = withKey(other);
  ctx.ran('idempotency-replay');
  const r1 = await ctx.send(op, 'stateful idempotency-replay', toRequest(ctx, op, a));
  if (r1.status < 200 || r1.status > 299) {
    ctx.fail(
      'idempotency-replay',
      op,
      `a valid create answered ${r1.status}: cannot test the replay (fail closed)`,
    );
    return;
  }
  const r2 = await ctx.send(op, 'stateful idempotency-replay', toRequest(ctx, op, a));
  if (r2.status !== r1.status)
    ctx.fail('idempotency-replay', op, `replay answered ${r2.status}, the first request ${r1.status}`);
  else if (!r2.raw.equals(r1.raw))
    ctx.fail('idempotency-replay', op, 'replay body differs from the first response body');

  ctx.ran('idempotency-conflict');
  const r3 = await ctx.send(op, 'stateful idempotency-conflict', toRequest(ctx, op, b));
  const r4 = await ctx.send(op, 'stateful idempotency-conflict', toRequest(ctx, op, b));
  if (r3.status < 400 || r3.status > 499) {
    ctx.fail(
      'idempotency-conflict',
      op,
      `same key with a different body answered ${r3.status}, expected a documented 4xx conflict`,
    );
    return;
  }
  if (responseFor(op, r3.status) === undefined)
    ctx.fail('idempotency-conflict', op, `conflict status ${r3.status} is not documented`);
  const c3 = ctx.errorId(r3.json);
  const c4 = ctx.errorId(r4.json);
  if (c3 === undefined)
    ctx.fail(
      'idempotency-conflict',
      op,
      `conflict response has no error identity at ${ctx.conventions.errors?.identity ?? '(no error model)'}`,
    );
  if (r4.status !== r3.status || c4 !== c3) {
    ctx.fail(
      'idempotency-conflict',
      op,
      `the same conflict answered ${r3.status} ${String(c3)} then ${r4.status} ${String(c4)}`,
    );
  }
}
