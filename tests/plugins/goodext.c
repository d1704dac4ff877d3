/* Declares the file extension "md" for its format "goodext": -o x.md picks
 * it. */
#define TEST_NAME      "goodext"
#define TEST_FORMAT    "goodext"
#define TEST_EXTENSION "md"
#include "common.h"
