/*
 * simulate_draw.h - the random numbers of the simulation engine
 * (simulate.c): a counter-based generator, and e^x, ln x and the normal
 * quantile computed from + - x /, sqrt and bit operations only, so that
 * every draw is the same on every machine with IEEE-754 doubles.  Internal
 * to src/analysis; the hot functions are inline so that a loop over a
 * chunk's trials keeps them in registers.
 */
#ifndef BD_SIMULATE_DRAW_H
#define BD_SIMULATE_DRAW_H

#include <stdint.h>
#include <string.h>

/* Results must not depend on whether the compiler fuses a*b+c (gcc does
 * not in ISO C mode; clang would without this). */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
/* The normal quantile at u = j / 1024 for j = 64 .. 960 (by inv_normal();
 * filled by bd_sim_draw_init()). */
extern double bd_sim_normal_table[1025];

/* Fills bd_sim_normal_table once (thread-safe; every later call returns at
 * once). */
void bd_sim_draw_init(void);

/* The largest |normal_of_bits(z)| (at u = 2^-54: 8.29). */
#define BD_SIM_NORMAL_MAX 8.5

/* The standard normal draw of draw bits z: for u = unit_of_bits(z) in
 * [1/16, 15/16) (seven draws in eight) the line between the quantiles at
 * the multiples of 1/1024 around u (within 2e-5 of the quantile; the top
 * 10 bits of z pick the interval, the next 43 the place in it), else
 * inv_normal(u).  Monotone in u. */
static inline double normal_of_bits(uint64_t z) {
  uint64_t j = z >> 54;
  if (j - 64 >= 896) return inv_normal(unit_of_bits(z));
  double t = ((double)(int64_t)((z >> 11) & ((UINT64_C(1) << 43) - 1)) + 0.5) * 0x1p-43;
  return bd_sim_normal_table[j] + t * (bd_sim_normal_table[j + 1] - bd_sim_normal_table[j]);
}

#endif

/* The bit pattern of a double (monotone in the value for x >= 0), and back. */
static inline uint64_t bits_of(double x) {
  uint64_t b;
  memcpy(&b, &x, sizeof b);
  return b;
}

static inline double double_of(uint64_t b) {
  double x;
  memcpy(&x, &b, sizeof x);
  return x;
}

/* The SplitMix64 finaliser: a bijection that mixes every bit. */
static inline uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* The streams of draws: a variable's values, a scenario's Poisson
 * uniforms, and the trials. */
enum { STREAM_VAR = 0, STREAM_COUNT = 1, STREAM_TRIAL = 2 };

/* The key of stream `index` of kind `stream` for `seed`; distinct
 * (stream, index) pairs give distinct keys, every bit mixed. */
static inline uint64_t stream_key(uint64_t seed, unsigned stream, uint64_t index) {
  return mix64(mix64(seed ^ UINT64_C(0x6a09e667f3bcc908)) ^ mix64(index * 4 + stream + 1));
}

/* The 64 random bits of a draw from a stream key and a trial key.  Both
 * are already mixed, so their exclusive or is too, and one round of
 * xor-shift and multiply spreads it into the high bits that make the
 * number (the high bits of a product depend on every bit below them). */
static inline uint64_t draw_bits(uint64_t key, uint64_t trial_key) {
  uint64_t z = key ^ trial_key;
  return (z ^ (z >> 32)) * UINT64_C(0xd6e8feb86659fd93);
}

/* The uniform number in (0, 1) of draw bits z: (top 53 bits + 1/2) / 2^53. */
static inline double unit_of_bits(uint64_t z) {
  return ((double)(int64_t)(z >> 11) + 0.5) * 0x1p-53;
}

/* A uniform number in (0, 1), 53 bits, from a stream key and a trial key. */
static inline double unit_draw(uint64_t key, uint64_t trial_key) {
  return unit_of_bits(draw_bits(key, trial_key));
}

/* 2^(j/256), correctly rounded. */
extern const double bd_sim_exp2_256[256];

/* ln 2 / 256, split so that k x high is exact for |k| < 2^20. */
#define BD_SIM_LN2_256_HIGH 0x1.62e42fee00000p-9
#define BD_SIM_LN2_256_LOW  0x1.a39ef35793c76p-41

/* e^x for |x| >= 708 or NaN (out of line: small, subnormal, 0, above
 * 2^1023 or infinite). */
double bd_sim_exp_far(double x);

/* e^x within 5e-10 (relative) for |x| < 708: x = (256k + j) ln2/256 + r,
 * |r| <= ln2/512, e^x = 2^k 2^(j/256) e^r with e^r to degree 2 (error
 * below r^3/6 = 4.2e-10; the draws need a few digits, e^-lambda of the
 * Poisson counts and the curve's points no more). */
static inline double sim_exp_near(double x) {
  /* x x 256 / ln 2 rounded to the nearest integer k, which is the low
   * bits of the pattern of the sum with 1.5 x 2^52 (two's complement) */
  double shifted = x * 0x1.71547652b82fep+8 + 0x1.8p52;
  uint64_t k = bits_of(shifted);
  double kr = shifted - 0x1.8p52;
  double r = x - kr * BD_SIM_LN2_256_HIGH - kr * BD_SIM_LN2_256_LOW;
  double p = 1.0 + r * (1.0 + r * 0.5);
  /* 2^(j/256) x 2^e with j = k mod 256, e = floor(k / 256) added to the
   * exponent bits (bits 8 to 19 of k give e modulo 2^12, which is all
   * that e << 52 keeps; the result is normal) */
  return double_of(bits_of(bd_sim_exp2_256[k & 255u]) + ((k >> 8) << 52)) * p;
}

/* e^x for any x, sim_exp_near() for |x| < 708. */
static inline double sim_exp(double x) {
  /* |x| < 708 (and not NaN), compared as bit patterns */
  if ((bits_of(x) & ~(UINT64_C(1) << 63)) >= bits_of(708.0)) return bd_sim_exp_far(x);
  return sim_exp_near(x);
}

/* ln x for x > 0 to about 1 ulp. */
double bd_sim_log(double x);

/* The standard normal quantile of p < 0.02425 or p > 0.97575 (the tails
 * of inv_normal()). */
double bd_sim_inv_normal_tail(double p);

/* The standard normal quantile of p in (0, 1), P. J. Acklam's rational
 * approximation (relative error below 1.2e-9): the central region here,
 * the tails (5 % of the draws) out of line. */
static inline double inv_normal(double p) {
  static const double a[6] = {-3.969683028665376e+01, 2.209460984245205e+02,
                              -2.759285104469687e+02, 1.383577518672690e+02,
                              -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[5] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                              6.680131188771972e+01, -1.328068155288572e+01};
  if (p < 0.02425 || p > 1.0 - 0.02425) return bd_sim_inv_normal_tail(p);
  const double q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

/* The normal quantile at u = j / 1024 for j = 64 .. 960 (by inv_normal();
 * filled by bd_sim_draw_init()). */
extern double bd_sim_normal_table[1025];

/* Fills bd_sim_normal_table once (thread-safe; every later call returns at
 * once). */
void bd_sim_draw_init(void);

/* The largest |normal_of_bits(z)| (at u = 2^-54: 8.29). */
#define BD_SIM_NORMAL_MAX 8.5

/* The standard normal draw of draw bits z: for u = unit_of_bits(z) in
 * [1/16, 15/16) (seven draws in eight) the line between the quantiles at
 * the multiples of 1/1024 around u (within 2e-5 of the quantile; the top
 * 10 bits of z pick the interval, the next 43 the place in it), else
 * inv_normal(u).  Monotone in u. */
static inline double normal_of_bits(uint64_t z) {
  uint64_t j = z >> 54;
  if (j - 64 >= 896) return inv_normal(unit_of_bits(z));
  double t = ((double)(int64_t)((z >> 11) & ((UINT64_C(1) << 43) - 1)) + 0.5) * 0x1p-43;
  return bd_sim_normal_table[j] + t * (bd_sim_normal_table[j + 1] - bd_sim_normal_table[j]);
}

#endif
