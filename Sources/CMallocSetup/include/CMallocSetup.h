#ifndef CMALLOCSETUP_H
#define CMALLOCSETUP_H
// Nothing to call: arenas.c sets the allocator up in a constructor, before main.
#endif
