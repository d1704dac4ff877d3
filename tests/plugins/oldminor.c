/* Built for ABI minor 0: still loads. */
#define TEST_NAME   "oldminor"
#define TEST_FORMAT "oldminor"
#define TEST_MINOR  0
#include "common.h"

BD_PLUGIN_EXPORT const bd_plugin *bd_plugin_entry(void) {
  return &plugin;
}
