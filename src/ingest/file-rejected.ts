// A file refused as a whole, with a stable code (docs/errors.md): apart from source.ts so that the
// limits it enforces (limits.ts, read by source.ts) throw it without an import cycle (source.ts
// re-exports it).
export class FileRejected extends Error {
  constructor(
    readonly code:
      | 'file_unreadable'
      | 'file_empty'
      | 'file_truncated'
      | 'file_binary'
      | 'file_encoding_invalid'
      | 'columns_missing'
      | 'unknown_party_column'
      | 'csv_unreadable'
      | 'json_unreadable'
      | 'file_too_large'
      | 'too_many_rows'
      | 'line_too_long'
      | 'too_many_quarantined'
      | 'json_too_deep'
      | 'duplicate_header',
    readonly details: Readonly<Record<string, unknown>>,
  ) {
    super(code);
  }
}
