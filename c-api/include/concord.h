// concord's extensions to the WebAssembly C API (wasm.h): what the
// standard lacks, in the spirit of wasmtime.h and wasi.h.
//
// - the tier that runs code, chosen on a wasm_config_t;
// - fuel: enabled on a configuration, set and read on a store;
// - epoch interruption (a guest stopped from another thread) and store
//   resource limits (memory and table sizes, counts);
// - WASI (wasi_snapshot_preview1): a per-store configuration of arguments,
//   environment, preopened directories and stdio;
// - a linker that resolves a module's imports by module and name (externs,
//   instances, WASI) and instantiates it.
//
// Functions returning `own concord_error_t*` return NULL on success.

#ifndef CONCORD_H
#define CONCORD_H

#include "wasm.h"

// As in wasm.h: `own` marks ownership passing (see there).
#define own

#ifdef __cplusplus
extern "C" {
#endif

///////////////////////////////////////////////////////////////////////////////
// Errors

typedef struct concord_error_t concord_error_t;

// The error's message (not null-terminated).
WASM_API_EXTERN void concord_error_message(const concord_error_t*, own wasm_name_t* out);
WASM_API_EXTERN void concord_error_delete(own concord_error_t*);


///////////////////////////////////////////////////////////////////////////////
// Tiers

typedef uint8_t concord_tier_t;
enum concord_tier_enum {
  CONCORD_TIER_INTERP,     // the interpreter (the default)
  CONCORD_TIER_JIT,        // the single-pass x86-64 JIT
  CONCORD_TIER_CRANELIFT,  // the optimizing tier
  CONCORD_TIER_AUTO,       // starts in the interpreter, hot code tiers up to Cranelift
};

// Whether the tier is compiled into this library. A machine-code tier that
// is compiled in may still be unable to run on this host: then
// wasm_engine_new_with_config returns NULL.
WASM_API_EXTERN bool concord_tier_available(concord_tier_t);

// Sets the tier of engines made from the configuration; false (nothing
// changed) if the tier is not compiled in.
WASM_API_EXTERN bool concord_config_tier_set(wasm_config_t*, concord_tier_t);


///////////////////////////////////////////////////////////////////////////////
// Fuel

// Whether execution consumes fuel. A store of such an engine starts with
// none: running out traps ("all fuel consumed by WebAssembly").
WASM_API_EXTERN void concord_config_consume_fuel_set(wasm_config_t*, bool);

// Set and read a store's fuel; false if its engine does not consume fuel
// (or, for both, while a host function of the store is running).
WASM_API_EXTERN bool concord_store_fuel_set(wasm_store_t*, uint64_t fuel);
WASM_API_EXTERN bool concord_store_fuel_get(const wasm_store_t*, uint64_t* fuel);


///////////////////////////////////////////////////////////////////////////////
// Interruption and resource limits

// Whether code checks the engine's epoch against its store's deadline at
// every function entry and loop header (default: no).
WASM_API_EXTERN void concord_config_epoch_interruption_set(wasm_config_t*, bool);

// Advances the engine's epoch by one tick. Any thread may call it at any
// time (a timer thread, a signal-free watchdog): a store whose deadline it
// reaches stops its running guest with an "interrupted" trap, also in a
// blocking WASI sleep or read.
WASM_API_EXTERN void concord_engine_increment_epoch(wasm_engine_t*);

// Sets the store's deadline `ticks` ticks after the engine's current epoch
// (until set, there is none); false if the engine has no epoch
// interruption (or a host function of the store is running).
WASM_API_EXTERN bool concord_store_epoch_deadline_set(wasm_store_t*, uint64_t ticks);

// Bounds the store's resources, as wasmtime_store_limiter: the most bytes
// a memory and elements a table may reach (a larger grow returns -1; an
// initial size past them fails instantiation), and the most instances,
// tables and memories. A negative value keeps the default (no size limit;
// 10000 of each count).
WASM_API_EXTERN void concord_store_limiter(wasm_store_t*, int64_t memory_size, int64_t table_elements,
                                           int64_t instances, int64_t tables, int64_t memories);


///////////////////////////////////////////////////////////////////////////////
// WASI

// What a store's guests get from WASI. A new configuration gives nothing:
// no arguments, no environment, no directories, stdio connected to nothing.
typedef struct concord_wasi_config_t concord_wasi_config_t;

WASM_API_EXTERN own concord_wasi_config_t* concord_wasi_config_new(void);
WASM_API_EXTERN void concord_wasi_config_delete(own concord_wasi_config_t*);

// Appends arguments (argv[0], the program name, first). False on a NULL
// array with argc > 0.
WASM_API_EXTERN bool concord_wasi_config_set_argv(
  concord_wasi_config_t*, size_t argc, const char* const argv[]);
// Adds environment variables.
WASM_API_EXTERN bool concord_wasi_config_set_env(
  concord_wasi_config_t*, size_t n, const char* const names[], const char* const values[]);
// The guest uses the host's stdin, stdout and stderr.
WASM_API_EXTERN void concord_wasi_config_inherit_stdio(concord_wasi_config_t*);
// Gives the guest the host directory `host_path` as `guest_path`; false if
// it cannot be opened.
WASM_API_EXTERN bool concord_wasi_config_preopen_dir(
  concord_wasi_config_t*, const char* host_path, const char* guest_path);

// Makes the configuration (consumed) the WASI context of the store's
// guests. A store never given one offers WASI with nothing.
WASM_API_EXTERN bool concord_store_set_wasi(wasm_store_t*, own concord_wasi_config_t*);

// Whether a trap is a WASI proc_exit, and its status.
WASM_API_EXTERN bool concord_trap_exit_status(const wasm_trap_t*, int* status);


///////////////////////////////////////////////////////////////////////////////
// Linking by name

typedef struct concord_linker_t concord_linker_t;

WASM_API_EXTERN own concord_linker_t* concord_linker_new(const wasm_engine_t*);
WASM_API_EXTERN void concord_linker_delete(own concord_linker_t*);

// Whether a later definition may replace an earlier one of the same name
// (by default a duplicate is an error).
WASM_API_EXTERN void concord_linker_allow_shadowing(concord_linker_t*, bool);

// Defines module::name (UTF-8, with lengths) as an extern of some store;
// only instances made in that store can use it.
WASM_API_EXTERN own concord_error_t* concord_linker_define(
  concord_linker_t*, const char* module, size_t module_len,
  const char* name, size_t name_len, const wasm_extern_t* item);

// Defines every wasi_snapshot_preview1 import, over the WASI context of the
// store each instance is made in (concord_store_set_wasi).
WASM_API_EXTERN own concord_error_t* concord_linker_define_wasi(concord_linker_t*);

// Defines every export of an instance of `store` under the module name.
WASM_API_EXTERN own concord_error_t* concord_linker_define_instance(
  concord_linker_t*, wasm_store_t* store, const char* module, size_t module_len,
  const wasm_instance_t* instance);

// Instantiates the module in the store, resolving its imports by name.
// Success: NULL, and *instance (if not NULL) the new instance. A trapping
// start function: NULL, *instance NULL and *trap (if not NULL) the trap.
// Any other failure (an import missing or of the wrong type): the error.
WASM_API_EXTERN own concord_error_t* concord_linker_instantiate(
  concord_linker_t*, wasm_store_t* store, const wasm_module_t* module,
  own wasm_instance_t** instance, own wasm_trap_t** trap);

#ifdef __cplusplus
}  // extern "C"
#endif

#undef own

#endif  // CONCORD_H
