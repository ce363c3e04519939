import { describe, expect, it } from 'vitest';
import {
  createEndpointApproval,
  type EndpointConfirmationRequest,
} from '../../../src/main/core/endpoint-approval';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { refusal } from '../../support/refusal';

function approvalWith(answers: boolean[], boundEndpoint: string | null = null) {
  const questions: EndpointConfirmationRequest[] = [];
  const approval = createEndpointApproval({
    confirm: async (request) => {
      questions.push(request);
      return answers.shift() ?? false;
    },
    boundEndpoint: () => boundEndpoint,
    log: createMemoryLogger(),
  });
  return { approval, questions };
}

describe('endpoint approval', () => {
  it("asks nothing for Deepgram's own endpoint or for the origin the key is bound to", async () => {
    const { approval, questions } = approvalWith([], 'https://dg.example.com:8443/v1');
    await approval.approve('https://api.deepgram.com');
    await approval.approve('https://dg.example.com:8443/other');
    expect(questions).toEqual([]);
  });

  it('asks once per new origin; a yes is remembered for this run, a no refuses and is not', async () => {
    const { approval, questions } = approvalWith([false, true]);
    const error = await refusal(approval.approve('https://dg.example.com'));
    expect(error.userFacing.code).toBe('endpoint-not-confirmed');
    expect(error.message).toContain('dg.example.com');
    await approval.approve('https://dg.example.com/path');
    await approval.approve('https://dg.example.com');
    expect(questions).toEqual([
      { host: 'dg.example.com', origin: 'https://dg.example.com' },
      { host: 'dg.example.com', origin: 'https://dg.example.com' },
    ]);
    // Same host, other scheme or port: another origin, another question.
    await refusal(approval.approve('https://dg.example.com:444'));
    expect(questions.at(-1)).toEqual({ host: 'dg.example.com:444', origin: 'https://dg.example.com:444' });
  });

  it('asks one question at a time, and a dialog that fails counts as no', async () => {
    let answer: (value: boolean) => void = () => undefined;
    const approval = createEndpointApproval({
      confirm: () => new Promise<boolean>((resolve) => (answer = resolve)),
      boundEndpoint: () => null,
      log: createMemoryLogger(),
    });
    const first = approval.approve('https://one.example');
    const second = await refusal(approval.approve('https://two.example'));
    expect(second.message).toMatch(/already asking/);
    answer(true);
    await first;
    const failing = createEndpointApproval({
      confirm: async () => {
        throw new Error('no display');
      },
      boundEndpoint: () => null,
      log: createMemoryLogger(),
    });
    expect((await refusal(failing.approve('https://three.example'))).userFacing.code).toBe(
      'endpoint-not-confirmed',
    );
  });
});
