/**
 * Measured row heights by row key, and the running average used for rows not yet measured.
 * Lives outside React state because it changes on every measurement; a version counter
 * tells React when offsets must be recomputed.
 */
export class HeightCache {
  private readonly heights = new Map<string, number>();
  private sum = 0;

  clear(): void {
    this.heights.clear();
    this.sum = 0;
  }

  /** Records a measurement; true when it differs from what was known. */
  record(key: string, height: number): boolean {
    const previous = this.heights.get(key);
    if (previous !== undefined && Math.abs(previous - height) <= 0.5) return false;
    this.heights.set(key, height);
    this.sum += height - (previous ?? 0);
    return true;
  }

  /** offsets[i] is the top of row i; offsets[count] is the total height. */
  offsets(count: number, rowKey: (index: number) => string, fallbackHeight: number): Float64Array {
    const estimate = this.heights.size > 0 ? this.sum / this.heights.size : fallbackHeight;
    const result = new Float64Array(count + 1);
    for (let index = 0; index < count; index += 1) {
      result[index + 1] = result[index]! + (this.heights.get(rowKey(index)) ?? estimate);
    }
    return result;
  }
}

/** The first row whose bottom lies below a position (binary search over offsets). */
export function firstRowEndingAfter(offsets: Float64Array, count: number, position: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (offsets[middle + 1]! > position) high = middle;
    else low = middle + 1;
  }
  return low;
}
