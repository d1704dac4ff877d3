/*
 * model.h - helpers for building the report model (badday/report.h): every
 * list of model structs is an array of pointers, allocated in the same arena
 * as the structs it points to.
 */
#ifndef BD_MODEL_H
#define BD_MODEL_H

#include "base/arena.h"
#include "badday/report.h"

/* Defines `static const type **name(bd_arena *arena, const type *items,
 * size_t n)`: returns an array of n pointers, element i pointing to
 * items[i], allocated in arena (owned by it), or NULL when memory ran out.
 * One typed function per model struct keeps the pointers' types exact. */
#define BD_MODEL_POINTERS(name, type)                                                              \
  static inline const type **name(bd_arena *arena, const type *items, size_t n) {                  \
    const type **pointers = bd_arena_array(arena, n, sizeof *pointers);                            \
    if (pointers == NULL) return NULL;                                                             \
    for (size_t i = 0; i < n; i++) pointers[i] = &items[i];                                        \
    return pointers;                                                                               \
  }

BD_MODEL_POINTERS(bd_model_scenarios, bd_scenario)
BD_MODEL_POINTERS(bd_model_measures, bd_measure)
BD_MODEL_POINTERS(bd_model_losses, bd_loss)
BD_MODEL_POINTERS(bd_model_failures, bd_failure)
BD_MODEL_POINTERS(bd_model_trees, bd_tree)
BD_MODEL_POINTERS(bd_model_tree_nodes, bd_tree_node)
BD_MODEL_POINTERS(bd_model_matrix_rows, bd_matrix_row)
BD_MODEL_POINTERS(bd_model_deltas, bd_scenario_delta)
BD_MODEL_POINTERS(bd_model_waivers, bd_waiver)

#endif
