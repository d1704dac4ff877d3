/* Built for ABI 2.0, the first minor of 2.x: loads on any 2.x host.  It
 * declares no features (it renders one plan and shows no comparison). */
#define TEST_NAME   "oldminor"
#define TEST_FORMAT "oldminor"
#define TEST_MINOR  0
#include "common.h"
