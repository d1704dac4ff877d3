/* Built for plugin ABI 1.2, which read the report model's arrays by value:
 * refused with a message naming both majors and how to move to 2.0. */
#define TEST_NAME   "oldmajor"
#define TEST_FORMAT "oldmajor"
#define TEST_MAJOR  1
#define TEST_MINOR  2
#include "common.h"
