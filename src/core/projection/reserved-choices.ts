/** Reserved choices of the snapshot and count-course CSVs: blank and null votes. */
export const BLANK = 'BLANK';
export const NULL = 'NULL';
