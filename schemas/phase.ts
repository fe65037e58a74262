// The phase of a money amount (vocabulary "Phases"): as first approved, after adjustment, or as spent.
import { z } from 'zod';

export const Phase = z.enum(['budget', 'adjusted', 'final']);
export type Phase = z.infer<typeof Phase>;
