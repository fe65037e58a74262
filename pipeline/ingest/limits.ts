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
  /** Most entries one zip archive may list (nested archives count their own). */
  maxArchiveEntries: number;
  /** Most bytes one zip archive may inflate to in all, nested archives included, in MiB. */
  maxArchiveMb: number;
  /** Highest ratio of an entry's size to its compressed size; more is a zip bomb. */
  maxCompressionRatio: number;
  /** Longest OCR of one page, in seconds (a page over it is left unread); 0 turns OCR off. */
  ocrPageSeconds: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFileMb: 200,
  maxPages: 3000,
  maxCells: 500_000,
  workerMemoryMb: 2048,
  timeoutSeconds: 300,
  maxArchiveEntries: 10_000,
  maxArchiveMb: 8192,
  // deflate tops out near 1032:1; real reports (PDF, DOCX, XLSX are compressed already) stay far below
  // 100:1, and even plain text rarely passes 20:1
  maxCompressionRatio: 200,
  ocrPageSeconds: 120,
};
