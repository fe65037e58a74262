// Limits that keep one bad file from hurting the batch. Each has a command-line flag.
export interface Limits {
  /** Largest file read, in MiB. */
  maxFileMb: number;
  /** Most pages a PDF may have. */
  maxPages: number;
  /** Most table cells a document may have. */
  maxCells: number;
  /** Heap limit of each parsing worker, in MiB; a file that needs more fails alone. */
  workerMemoryMb: number;
  /** Longest one file may take to parse, in seconds. */
  timeoutSeconds: number;
  /** Longest OCR of one page, in seconds (a page over it is left unread); 0 turns OCR off. */
  ocrPageSeconds: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFileMb: 200,
  maxPages: 3000,
  maxCells: 500_000,
  workerMemoryMb: 2048,
  timeoutSeconds: 300,
  ocrPageSeconds: 120,
};
