// Limits the UI checks before sending a file, the same numbers as the core's
// (`hane_domain::limits`; the catalogue test `ui_limits_match_the_core` keeps them equal).

/** Largest file Hane takes: a photo, a scan, a PDF (50 MiB). */
export const MAX_FILE_BYTES = 52428800;
