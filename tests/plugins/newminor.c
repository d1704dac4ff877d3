/* Built for a newer ABI minor than this host: refused. */
#define TEST_NAME   "newminor"
#define TEST_FORMAT "newminor"
#define TEST_MINOR  99
#include "common.h"
