/* Built for another ABI major: refused with rebuild advice. */
#define TEST_NAME   "badmajor"
#define TEST_FORMAT "badmajor"
#define TEST_MAJOR  (BD_ABI_MAJOR + 1)
#define TEST_MINOR  0
#include "common.h"
