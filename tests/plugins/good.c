/* A good plugin: renders the format 'good'. */
#define TEST_NAME   "good"
#define TEST_FORMAT "good"
#include "common.h"
