/** The overlay's placement memory on disk (userData/overlay-placement.json), read defensively, written whole. */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { emptyPlacementMemory, placementMemoryFrom, type PlacementMemory } from './overlay-placement';

export function readPlacementMemory(path: string): PlacementMemory {
  try {
    return placementMemoryFrom(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    // Missing or damaged: the overlay opens at its default place and the next move writes a good file.
    return emptyPlacementMemory;
  }
}

export function writePlacementMemory(path: string, memory: PlacementMemory): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, JSON.stringify(memory));
  renameSync(temporary, path);
}
