/*
 * fuzz.h - the libFuzzer entry point shared by the fuzz targets
 * (fuzz_load.c, fuzz_render.c) and replay.c, the standalone main that
 * replays a corpus through the same code in every `make check`.
 */
#ifndef BD_FUZZ_H
#define BD_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* The date plans without as_of are analysed on: 2025-01-29, in days since
 * 1970-01-01 (the test suite's SOURCE_DATE_EPOCH). */
#define BD_FUZZ_TODAY 20117L

/* Runs one input through the target.  Returns 0; a broken invariant aborts
 * (libFuzzer and replay.c then report the input). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message naming the broken invariant (fuzz_common.c). */
_Noreturn void bd_fuzz_fail(const char *what);

/* Checks the invariants of a load's outcome: a rejected plan has at least
 * one diagnostic, an accepted one none, and every diagnostic is a
 * non-empty, valid UTF-8 message without control characters, line
 * separators or bidi controls (bd_fuzz_clean_text). */
void bd_fuzz_check_diags(int rc, const void *plan, const void *diags);

/* Checks that every diagnostic of a bd_diags (warnings, say) is a
 * non-empty clean message with a whole position or none. */
void bd_fuzz_check_messages(const void *diags);

/* Whether s is valid UTF-8 without C0 or C1 controls, line or paragraph
 * separators or bidi controls: text that cannot forge or disguise a line. */
int bd_fuzz_clean_text(const char *s);

#endif
