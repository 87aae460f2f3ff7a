// Force-included (`gcc -include`) into the upstream examples by
// tests/examples.rs, so that they run on a chosen tier without a change to
// their sources: `wasm_engine_new()` becomes an engine whose tier comes from
// the environment variable CONCORD_TEST_TIER (interp, jit, cranelift, auto);
// without it, the library's default engine.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wasm.h"
#include "concord.h"

static inline wasm_engine_t* concord_test_engine_new(void) {
  const char* name = getenv("CONCORD_TEST_TIER");
  if (!name || !*name) return wasm_engine_new();
  concord_tier_t tier;
  if (!strcmp(name, "interp")) tier = CONCORD_TIER_INTERP;
  else if (!strcmp(name, "jit")) tier = CONCORD_TIER_JIT;
  else if (!strcmp(name, "cranelift")) tier = CONCORD_TIER_CRANELIFT;
  else if (!strcmp(name, "auto")) tier = CONCORD_TIER_AUTO;
  else {
    fprintf(stderr, "unknown CONCORD_TEST_TIER %s\n", name);
    exit(2);
  }
  wasm_config_t* config = wasm_config_new();
  if (!concord_config_tier_set(config, tier)) {
    fprintf(stderr, "tier %s is not compiled in\n", name);
    exit(2);
  }
  wasm_engine_t* engine = wasm_engine_new_with_config(config);
  if (!engine) {
    fprintf(stderr, "no engine for tier %s\n", name);
    exit(2);
  }
  return engine;
}

#define wasm_engine_new() concord_test_engine_new()
