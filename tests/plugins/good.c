/* A good plugin: renders the format 'good'. */
#define TEST_NAME   "good"
#define TEST_FORMAT "good"
#include "common.h"

BD_PLUGIN_EXPORT const bd_plugin *bd_plugin_entry(void) {
  return &plugin;
}
