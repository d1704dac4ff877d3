/* Wrong magic number: refused as not a badday plugin. */
#define TEST_NAME   "badmagic"
#define TEST_FORMAT "badmagic"
#define TEST_MAGIC  0x12345678u
#include "common.h"

BD_PLUGIN_EXPORT const bd_plugin *bd_plugin_entry(void) {
  return &plugin;
}
