/*
 * sha256.h - SHA-256 of a buffer in one call.
 */
#ifndef BD_SHA256_H
#define BD_SHA256_H

#include <stddef.h>

/* Hashes len bytes of data into digest (32 bytes). */
void bd_sha256(const void *data, size_t len, unsigned char digest[32]);

/* Hashes len bytes of data into 64 lower-case hex digits and a NUL. */
void bd_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
