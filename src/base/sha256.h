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

/* A hash computed on a second thread while the caller does other work (the
 * loader parses the plan meanwhile).  The data must stay valid until
 * bd_sha256_job_finish().  Falls back to hashing in finish when no thread
 * can be started. */
typedef struct bd_sha256_job {
  const void *data;
  size_t len;
  char hex[65];
  int started;          /* 1 when a thread runs */
  unsigned long thread; /* pthread_t, kept opaque here */
} bd_sha256_job;

/* Starts hashing len bytes of data; small inputs are hashed in finish. */
void bd_sha256_job_start(bd_sha256_job *job, const void *data, size_t len);

/* Waits for the hash and copies its hex digits into hex (65 bytes). */
void bd_sha256_job_finish(bd_sha256_job *job, char hex[65]);

#endif
