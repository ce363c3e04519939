import type { Row } from '../lib/stats';
export async function rendererBench(_options: { quick: boolean }): Promise<Row[]> {
  return [];
}
