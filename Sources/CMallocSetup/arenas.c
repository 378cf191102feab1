// glibc gives each thread that allocates an arena of its own, up to 8 per
// core, and each arena keeps what it freed: `duban serve`'s dozen threads
// took the HTTP benchmark's peak memory from 280 to 400 MB. One arena per
// core instead (two at least), set before main, since glibc fixes the cap
// when it makes the second arena. MALLOC_ARENA_MAX in the environment still
// decides.
#include <stdlib.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>

__attribute__((constructor)) static void duban_limit_malloc_arenas(void) {
    if (getenv("MALLOC_ARENA_MAX") != NULL) return;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    mallopt(M_ARENA_MAX, cores > 2 ? (int)cores : 2);
}
#endif
