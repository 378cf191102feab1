#include <sqlite3.h>
#include "CSQLiteSetup.h"

int duban_sqlite_configure(void) {
    /* GRDB hands each connection to one thread at a time, so SQLite's own
     * lock around every call on a connection only costs time (millions of
     * calls in a busy tick); so does counting memory under a global lock. */
    int rc = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    if (rc == SQLITE_OK) rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return rc;
}
