/* A shared object without bd_plugin_entry: refused as not a badday plugin. */
int bd_not_the_entry(void);

int bd_not_the_entry(void) {
  return 42;
}
