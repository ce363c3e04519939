/** Opens the caption overlay (main creates the window); a refusal is said next to the button. */
import { useState, type ReactNode } from 'react';
import { type EarshotClient, userFacingErrorOf } from '../bridge/earshot-client';

export function ShowCaptionsButton({ client }: { client: EarshotClient }): ReactNode {
  const [problem, setProblem] = useState<string | null>(null);
  const show = async (): Promise<void> => {
    try {
      await client.showCaptions();
      setProblem(null);
    } catch (error) {
      setProblem(userFacingErrorOf(error).message);
    }
  };
  return (
    <>
      <button type="button" data-testid="show-captions" onClick={() => void show()}>
        Show captions
      </button>
      {problem && (
        <span className="callout error" role="alert" data-testid="show-captions-problem">
          {problem}
        </span>
      )}
    </>
  );
}
