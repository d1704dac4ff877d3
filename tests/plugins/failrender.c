/* Renders half a report, then fails: the old output must survive. */
#define TEST_NAME   "failrender"
#define TEST_FORMAT "failrender"
#define TEST_FAIL   1
#include "common.h"
