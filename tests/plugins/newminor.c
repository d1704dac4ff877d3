/* Built for a newer ABI minor than this host: refused. */
#define TEST_NAME   "newminor"
#define TEST_FORMAT "newminor"
#define TEST_MINOR  99
#include "common.h"

BD_PLUGIN_EXPORT const bd_plugin *bd_plugin_entry(void) {
  return &plugin;
}
