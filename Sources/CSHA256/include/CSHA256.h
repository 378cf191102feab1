#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256's 64 round constants (FIPS 180-4, 4.2.2): one table for both paths.
const uint32_t *duban_sha256_constants(void);

/// 1 when the processor has the SHA extensions (Intel since Goldmont and Ice
/// Lake, AMD since Zen), 0 otherwise.
int duban_sha256_hw_available(void);

/// Runs SHA-256's compression over `blocks` 64-byte blocks with the SHA
/// extensions; `state` holds H0…H7. Only when duban_sha256_hw_available().
void duban_sha256_hw_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
