/* A plugin whose constructor writes a marker file ($BADDAY_MARKER) when it
 * is loaded: proves which files badday never dlopens (a constructor runs
 * inside dlopen, before any check of the descriptor could refuse it). */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#define TEST_NAME   "marker"
#define TEST_FORMAT "marker"
#include "common.h"

__attribute__((constructor)) static void leave_marker(void) {
  const char *path = getenv("BADDAY_MARKER");
  if (path == NULL) return;
  int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd >= 0) {
    (void)write(fd, "loaded\n", 7);
    close(fd);
  }
}
