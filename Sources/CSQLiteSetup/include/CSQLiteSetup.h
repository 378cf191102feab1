#ifndef CSQLITESETUP_H
#define CSQLITESETUP_H

/// Process-wide SQLite settings, applied before the first connection opens
/// (sqlite3_config takes variable arguments, which Swift cannot call).
/// Returns SQLITE_OK, or SQLITE_MISUSE when SQLite was already in use.
int duban_sqlite_configure(void);

#endif
