/*
 * sha256.c - SHA-256 (FIPS 180-4), written from the standard.  badday
 * records the digest of every plan it renders (traceability), and offers
 * the function to plugins through bd_host.sha256 (the html plugin hashes its
 * inline script and style for the Content-Security-Policy).
 */
#include "base/sha256.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The running state of one hash. */
typedef struct sha256 {
  uint32_t h[8];
  uint64_t bits; /* message length so far */
  unsigned char block[64];
  size_t used; /* bytes in block */
} sha256;

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

/* Rotates x right by n bits. */
static uint32_t ror(uint32_t x, unsigned n) {
  return (x >> n) | (x << (32 - n));
}

/* Mixes one 64-byte block into the state. */
static void compress(sha256 *s, const unsigned char *p) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
           p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3];
  uint32_t e = s->h[4], f = s->h[5], g = s->h[6], h = s->h[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  s->h[0] += a;
  s->h[1] += b;
  s->h[2] += c;
  s->h[3] += d;
  s->h[4] += e;
  s->h[5] += f;
  s->h[6] += g;
  s->h[7] += h;
}

void bd_sha256(const void *data, size_t len, unsigned char digest[32]) {
  static const uint32_t init[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  sha256 s;
  memcpy(s.h, init, sizeof init);
  s.bits = (uint64_t)len * 8;
  s.used = 0;
  const unsigned char *p = data;
  while (len >= 64) {
    compress(&s, p);
    p += 64;
    len -= 64;
  }
  memcpy(s.block, p, len);
  s.used = len;
  s.block[s.used++] = 0x80;
  if (s.used > 56) {
    memset(s.block + s.used, 0, 64 - s.used);
    compress(&s, s.block);
    s.used = 0;
  }
  memset(s.block + s.used, 0, 56 - s.used);
  for (int i = 0; i < 8; i++) s.block[56 + i] = (unsigned char)(s.bits >> (56 - 8 * i));
  compress(&s, s.block);
  for (int i = 0; i < 8; i++) {
    digest[4 * i] = (unsigned char)(s.h[i] >> 24);
    digest[4 * i + 1] = (unsigned char)(s.h[i] >> 16);
    digest[4 * i + 2] = (unsigned char)(s.h[i] >> 8);
    digest[4 * i + 3] = (unsigned char)s.h[i];
  }
}

void bd_sha256_hex(const void *data, size_t len, char hex[65]) {
  unsigned char digest[32];
  bd_sha256(data, len, digest);
  for (int i = 0; i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}

/* The thread's body: hashes the job's data into job->hex. */
static void *hash_job(void *arg) {
  bd_sha256_job *job = arg;
  bd_sha256_hex(job->data, job->len, job->hex);
  return NULL;
}

void bd_sha256_job_start(bd_sha256_job *job, const void *data, size_t len) {
  _Static_assert(sizeof(pthread_t) <= sizeof job->thread, "pthread_t fits");
  job->data = data;
  job->len = len;
  job->started = 0;
  if (len < (size_t)1 << 20) return; /* not worth a thread */
  pthread_t t;
  if (pthread_create(&t, NULL, hash_job, job) == 0) {
    memcpy(&job->thread, &t, sizeof t);
    job->started = 1;
  }
}

void bd_sha256_job_finish(bd_sha256_job *job, char hex[65]) {
  if (job->started) {
    pthread_t t;
    memcpy(&t, &job->thread, sizeof t);
    pthread_join(t, NULL);
    job->started = 0;
  } else {
    bd_sha256_hex(job->data, job->len, job->hex);
  }
  memcpy(hex, job->hex, 65);
}
