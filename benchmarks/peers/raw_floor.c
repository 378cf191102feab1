/* The floor: raw SQLite doing the row writes Duban does per transition, with
 * prepared statements and nothing else (no engine, no JSON, no hashing):
 * read the instance and its timers, delete the fired timer, set the next one,
 * update the instance, append an audit row and an outbox row. Same schema shape
 * (ids stored as integers, as Duban's v5), same pragmas, batches of 2,000 per
 * transaction, the same ticks.
 * Usage: raw_floor DB N SCHEDULE(epoch,epoch,...) TICKS(epoch,epoch,...)
 * Prints one JSON line. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static double now_s(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static int parse(const char *s, long long *out, int max) { int n = 0; char *d = strdup(s), *p = strtok(d, ","); while (p && n < max) { out[n++] = atoll(p); p = strtok(NULL, ","); } free(d); return n; }
static void ok(int rc, sqlite3 *db) { if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) { fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db)); exit(1); } }
static int cmp(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return x < y ? -1 : x > y; }

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: raw_floor DB N SCHEDULE TICKS\n"); return 64; }
    long long sched[16], ticks[512]; int ns = parse(argv[3], sched, 16), nt = parse(argv[4], ticks, 512); long n = atol(argv[2]);
    remove(argv[1]);
    sqlite3 *db; ok(sqlite3_open(argv[1], &db), db);
    ok(sqlite3_exec(db,
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768; PRAGMA wal_autocheckpoint=10000;"
        "CREATE TABLE instances (id PRIMARY KEY, workflow TEXT, state TEXT, \"values\" TEXT, entered INTEGER, unit TEXT) WITHOUT ROWID;"
        "CREATE INDEX instances_workflow ON instances (workflow); CREATE INDEX instances_unit ON instances (unit);"
        "CREATE TABLE timers (instance, key TEXT, due INTEGER, PRIMARY KEY (instance, key)) WITHOUT ROWID;"
        "CREATE INDEX timers_due ON timers (due, instance, key);"
        "CREATE TABLE events (seq INTEGER PRIMARY KEY, instance, time INTEGER, actor TEXT, kind TEXT, detail TEXT, previous_hash TEXT, hash TEXT);"
        "CREATE INDEX events_instance ON events (instance, seq);"
        "CREATE TABLE outbox (id INTEGER PRIMARY KEY, key TEXT, instance TEXT, kind TEXT, unit TEXT, template TEXT, created INTEGER, status TEXT DEFAULT 'pending');"
        "CREATE INDEX outbox_pending ON outbox (status, id);", 0, 0, 0), db);
    sqlite3_stmt *ins_i, *ins_t, *due, *sel_i, *sel_t, *del_t, *upd_i, *ins_e, *ins_o;
    sqlite3_prepare_v2(db, "INSERT INTO instances VALUES (?, 'escalation', 'assigned', '{\"unit\":{\"unit\":\"u1\"}}', 0, 'u1')", -1, &ins_i, 0);
    sqlite3_prepare_v2(db, "INSERT INTO timers VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET due = excluded.due", -1, &ins_t, 0);
    sqlite3_prepare_v2(db, "SELECT instance, key, due FROM timers WHERE due <= ? ORDER BY due, instance, key LIMIT 2000", -1, &due, 0);
    sqlite3_prepare_v2(db, "SELECT * FROM instances WHERE id = ?", -1, &sel_i, 0);
    sqlite3_prepare_v2(db, "SELECT key, due FROM timers WHERE instance = ?", -1, &sel_t, 0);
    sqlite3_prepare_v2(db, "DELETE FROM timers WHERE instance = ? AND key = ?", -1, &del_t, 0);
    sqlite3_prepare_v2(db, "UPDATE instances SET state = ?, entered = ? WHERE id = ?", -1, &upd_i, 0);
    sqlite3_prepare_v2(db, "INSERT INTO events (seq, instance, time, actor, kind, detail, previous_hash, hash) VALUES (?, ?, ?, 'timer', 'timer', '{\"effects\":[\"remind u1.contact reminder\"]}', 'p', 'h')", -1, &ins_e, 0);
    sqlite3_prepare_v2(db, "INSERT INTO outbox (key, instance, kind, unit, template, created) VALUES (?, ?, 'remind', 'u1', 'reminder', ?)", -1, &ins_o, 0);

    char key[16]; long long seq = 0; double t = now_s();
    sqlite3_exec(db, "BEGIN", 0, 0, 0);
    for (long i = 0; i < n; i++) {
        sqlite3_bind_int64(ins_i, 1, i + 1); ok(sqlite3_step(ins_i), db); sqlite3_reset(ins_i);
        sqlite3_bind_int64(ins_t, 1, i + 1); sqlite3_bind_text(ins_t, 2, "t.0", -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins_t, 3, sched[0]); ok(sqlite3_step(ins_t), db); sqlite3_reset(ins_t);
        sqlite3_bind_int64(ins_e, 1, ++seq); sqlite3_bind_int64(ins_e, 2, i + 1); sqlite3_bind_int64(ins_e, 3, 0);
        ok(sqlite3_step(ins_e), db); sqlite3_reset(ins_e);
    }
    sqlite3_exec(db, "COMMIT", 0, 0, 0);
    double start_rate = n / (now_s() - t);
    sync();   /* as every engine: ticks start with the populated data on disk */

    long fired = 0; double times[512], idle[512]; int ni = 0;
    for (int k = 0; k < nt; k++) {
        double t0 = now_s(); long this_tick = 0;
        for (;;) {
            sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0);
            sqlite3_bind_int64(due, 1, ticks[k]);
            long long ids[2000]; char keys[2000][16]; long long dues[2000]; int m = 0;
            while (sqlite3_step(due) == SQLITE_ROW && m < 2000) {
                ids[m] = sqlite3_column_int64(due, 0); snprintf(keys[m], 16, "%s", sqlite3_column_text(due, 1));
                dues[m++] = sqlite3_column_int64(due, 2);
            }
            sqlite3_reset(due);
            for (int j = 0; j < m; j++) {
                sqlite3_bind_int64(sel_i, 1, ids[j]); sqlite3_step(sel_i); sqlite3_reset(sel_i);
                sqlite3_bind_int64(sel_t, 1, ids[j]); while (sqlite3_step(sel_t) == SQLITE_ROW) {} sqlite3_reset(sel_t);
                sqlite3_bind_int64(del_t, 1, ids[j]); sqlite3_bind_text(del_t, 2, keys[j], -1, SQLITE_STATIC);
                ok(sqlite3_step(del_t), db); sqlite3_reset(del_t);
                int step = atoi(keys[j] + 2);
                if (step + 1 < ns) {
                    snprintf(key, sizeof key, "t.%d", step + 1);
                    sqlite3_bind_int64(ins_t, 1, ids[j]); sqlite3_bind_text(ins_t, 2, key, -1, SQLITE_STATIC);
                    sqlite3_bind_int64(ins_t, 3, sched[step + 1]); ok(sqlite3_step(ins_t), db); sqlite3_reset(ins_t);
                }
                sqlite3_bind_text(upd_i, 1, step + 1 < ns ? "overdue" : "done", -1, SQLITE_STATIC); sqlite3_bind_int64(upd_i, 2, dues[j]);
                sqlite3_bind_int64(upd_i, 3, ids[j]); ok(sqlite3_step(upd_i), db); sqlite3_reset(upd_i);
                sqlite3_bind_int64(ins_e, 1, ++seq); sqlite3_bind_int64(ins_e, 2, ids[j]); sqlite3_bind_int64(ins_e, 3, dues[j]);
                ok(sqlite3_step(ins_e), db); sqlite3_reset(ins_e);
                char okey[64], oid[24]; snprintf(okey, sizeof okey, "%lld/%lld/0", ids[j], seq); snprintf(oid, sizeof oid, "%lld", ids[j]);
                sqlite3_bind_text(ins_o, 1, okey, -1, SQLITE_TRANSIENT); sqlite3_bind_text(ins_o, 2, oid, -1, SQLITE_STATIC);
                sqlite3_bind_int64(ins_o, 3, dues[j]); ok(sqlite3_step(ins_o), db); sqlite3_reset(ins_o);
            }
            sqlite3_exec(db, "COMMIT", 0, 0, 0);
            this_tick += m;
            if (m == 0) break;
        }
        times[k] = now_s() - t0; fired += this_tick;
        if (this_tick == 0) idle[ni++] = times[k];
    }
    double busy = 0; for (int k = 0; k < nt; k++) busy += times[k];
    qsort(times, nt, sizeof(double), cmp); qsort(idle, ni, sizeof(double), cmp);
    for (sqlite3_stmt *s; (s = sqlite3_next_stmt(db, 0)); ) sqlite3_finalize(s);
    sqlite3_close(db);   /* the last connection checkpoints the WAL into the file */
    struct rusage ru; getrusage(RUSAGE_SELF, &ru); struct stat st; stat(argv[1], &st);
    printf("{\"engine\":\"raw-sqlite\",\"n\":%ld,\"start_per_s\":%.0f,\"transitions\":%ld,\"seconds\":%.3f,\"transitions_per_s\":%.0f,"
           "\"tick_p50_ms\":%.2f,\"tick_p99_ms\":%.2f,\"idle_tick_ms\":%.2f,\"peak_rss_mb\":%.1f,\"db_mb\":%.1f}\n",
           n, start_rate, fired, busy, fired / busy, times[nt / 2] * 1000, times[(int)(nt * 0.99)] * 1000,
           ni ? idle[ni / 2] * 1000 : 0, ru.ru_maxrss / 1024.0, st.st_size / 1e6);
    return 0;
}
