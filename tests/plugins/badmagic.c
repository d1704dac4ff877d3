/* Wrong magic number: refused as not a badday plugin. */
#define TEST_NAME   "badmagic"
#define TEST_FORMAT "badmagic"
#define TEST_MAGIC  0x12345678u
#include "common.h"
