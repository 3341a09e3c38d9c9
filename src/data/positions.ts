import type { ReadingPosition } from '../content/types.js';
import { database } from './db.js';
import { toStorageError } from './errors.js';
import { readOne, writeOne } from './idb-lite.js';

/** Where the reader was in an article, or null (also for a record that is not a position). */
export async function getPosition(slug: string): Promise<ReadingPosition | null> {
  const db = await database();
  const value: unknown = await readOne(db, 'positions', slug);
  if (typeof value !== 'object' || value === null) return null;
  const { paragraph, updatedAt } = value as Record<string, unknown>;
  if (typeof paragraph !== 'number' || !Number.isInteger(paragraph) || paragraph < 0) return null;
  return { slug, paragraph, updatedAt: typeof updatedAt === 'number' ? updatedAt : 0 };
}

export async function putPosition(slug: string, paragraph: number, now = Date.now()): Promise<void> {
  const db = await database();
  try {
    await writeOne(db, 'positions', { slug, paragraph, updatedAt: now });
  } catch (error) {
    throw toStorageError(error, 'write');
  }
}
