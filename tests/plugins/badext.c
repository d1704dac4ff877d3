/* Declares a file extension that could climb out of the destination's
 * directory: refused when loaded. */
#define TEST_NAME      "badext"
#define TEST_FORMAT    "badext"
#define TEST_EXTENSION "../md"
#include "common.h"
