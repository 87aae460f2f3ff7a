// concord's own C API tests: what the upstream examples do not reach.
// Run by tests/api.rs from a directory holding the .wasm files made from
// the .wat files beside this one; also run under AddressSanitizer there.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <pthread.h>
#include <time.h>
#include "wasm.h"
#include "concord.h"

#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      printf("FAILED %s:%d: %s\n", __FILE__, __LINE__, #cond);       \
      exit(1);                                                        \
    }                                                                 \
  } while (0)

static wasm_engine_t* engine;

static void load(const char* path, wasm_byte_vec_t* out) {
  FILE* f = fopen(path, "rb");
  CHECK(f != NULL);
  fseek(f, 0, SEEK_END);
  size_t n = ftell(f);
  fseek(f, 0, SEEK_SET);
  wasm_byte_vec_new_uninitialized(out, n);
  CHECK(fread(out->data, n, 1, f) == 1);
  fclose(f);
}

static int message_is(const wasm_trap_t* trap, const char* expected) {
  wasm_message_t m;
  wasm_trap_message(trap, &m);
  int ok = m.size > 0 && m.data[m.size - 1] == '\0' && strstr(m.data, expected) != NULL;
  if (!ok) printf("> trap message: %.*s\n", (int)m.size, m.data);
  wasm_byte_vec_delete(&m);
  return ok;
}

// Calls `f`; on a trap prints its message and returns 0.
static int call_ok(const wasm_func_t* f, const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  wasm_trap_t* trap = wasm_func_call(f, args, results);
  if (!trap) return 1;
  message_is(trap, "\x01");  // prints the message
  wasm_trap_delete(trap);
  return 0;
}

// --- Vectors -----------------------------------------------------------------

static void test_vectors(void) {
  wasm_byte_vec_t empty;
  wasm_byte_vec_new_empty(&empty);
  CHECK(empty.size == 0);
  wasm_byte_vec_delete(&empty);

  wasm_byte_vec_t bytes, copy;
  wasm_byte_vec_new(&bytes, 5, "hello");
  wasm_byte_vec_copy(&copy, &bytes);
  CHECK(copy.size == 5 && copy.data != bytes.data && !memcmp(copy.data, "hello", 5));
  wasm_byte_vec_delete(&bytes);
  CHECK(bytes.size == 0 && bytes.data == NULL);
  wasm_byte_vec_delete(&copy);

  wasm_name_t name;
  wasm_name_new_from_string_nt(&name, "nt");
  CHECK(name.size == 3 && name.data[2] == '\0');
  wasm_name_delete(&name);

  // `new` takes the elements; `copy` copies them deeply; `delete` frees all.
  wasm_valtype_t* types[3] = {
    wasm_valtype_new(WASM_I32), wasm_valtype_new(WASM_F64), wasm_valtype_new(WASM_EXTERNREF)};
  wasm_valtype_vec_t tv, tc;
  wasm_valtype_vec_new(&tv, 3, types);
  wasm_valtype_vec_copy(&tc, &tv);
  CHECK(tc.size == 3);
  for (size_t i = 0; i < 3; ++i) {
    CHECK(tc.data[i] != tv.data[i]);
    CHECK(wasm_valtype_kind(tc.data[i]) == wasm_valtype_kind(tv.data[i]));
  }
  wasm_valtype_vec_delete(&tv);
  wasm_valtype_vec_delete(&tc);

  wasm_valtype_vec_t un;
  wasm_valtype_vec_new_uninitialized(&un, 4);
  CHECK(un.size == 4);
  un.data[0] = wasm_valtype_new_i64();
  wasm_valtype_vec_delete(&un);

  wasm_val_vec_t vals, vcopy;
  wasm_val_vec_new_uninitialized(&vals, 2);
  vals.data[0].kind = WASM_I32;
  vals.data[0].of.i32 = 7;
  vals.data[1].kind = WASM_F32;
  vals.data[1].of.f32 = 1.5f;
  wasm_val_vec_copy(&vcopy, &vals);
  CHECK(vcopy.data[0].of.i32 == 7 && vcopy.data[1].of.f32 == 1.5f);
  wasm_val_vec_delete(&vals);
  wasm_val_vec_delete(&vcopy);

  wasm_extern_vec_t ev;
  wasm_extern_vec_new_empty(&ev);
  wasm_extern_vec_delete(&ev);
  printf("vectors ok\n");
}

// --- Types -------------------------------------------------------------------

static void test_types(void) {
  wasm_functype_t* ft = wasm_functype_new_2_1(
    wasm_valtype_new_i32(), wasm_valtype_new_funcref(), wasm_valtype_new_f32());
  CHECK(wasm_functype_params(ft)->size == 2 && wasm_functype_results(ft)->size == 1);
  CHECK(wasm_valtype_kind(wasm_functype_params(ft)->data[1]) == WASM_FUNCREF);
  wasm_functype_t* ft2 = wasm_functype_copy(ft);
  const wasm_externtype_t* et = wasm_functype_as_externtype_const(ft2);
  CHECK(wasm_externtype_kind(et) == WASM_EXTERN_FUNC);
  CHECK(wasm_externtype_as_functype_const(et) == ft2);
  CHECK(wasm_externtype_as_globaltype_const(et) == NULL);
  wasm_functype_delete(ft);
  wasm_functype_delete(ft2);

  wasm_globaltype_t* gt = wasm_globaltype_new(wasm_valtype_new_i64(), WASM_VAR);
  CHECK(wasm_valtype_kind(wasm_globaltype_content(gt)) == WASM_I64);
  CHECK(wasm_globaltype_mutability(gt) == WASM_VAR);
  wasm_globaltype_delete(gt);

  wasm_limits_t limits = {1, 10};
  wasm_tabletype_t* tt = wasm_tabletype_new(wasm_valtype_new_externref(), &limits);
  CHECK(wasm_tabletype_limits(tt)->min == 1 && wasm_tabletype_limits(tt)->max == 10);
  CHECK(wasm_tabletype_new(wasm_valtype_new_i32(), &limits) == NULL);  // not a reference type
  wasm_limits_t unbounded = {2, wasm_limits_max_default};
  wasm_memorytype_t* mt = wasm_memorytype_new(&unbounded);
  CHECK(wasm_memorytype_limits(mt)->max == wasm_limits_max_default);

  wasm_name_t mod, nm;
  wasm_name_new_from_string(&mod, "m");
  wasm_name_new_from_string(&nm, "t");
  wasm_importtype_t* it = wasm_importtype_new(&mod, &nm, wasm_tabletype_as_externtype(tt));
  wasm_importtype_t* it2 = wasm_importtype_copy(it);
  CHECK(wasm_importtype_name(it2)->size == 1 && wasm_importtype_name(it2)->data[0] == 't');
  CHECK(wasm_externtype_kind(wasm_importtype_type(it2)) == WASM_EXTERN_TABLE);
  wasm_importtype_delete(it);
  wasm_importtype_delete(it2);
  wasm_name_new_from_string(&nm, "mem");
  wasm_exporttype_t* xt = wasm_exporttype_new(&nm, wasm_memorytype_as_externtype(mt));
  CHECK(wasm_externtype_kind(wasm_exporttype_type(xt)) == WASM_EXTERN_MEMORY);
  wasm_exporttype_delete(xt);
  printf("types ok\n");
}

// --- Host functions ----------------------------------------------------------

static wasm_store_t* g_store;
static wasm_func_t* g_double;  // the module's "double", for re-entry
static int env_finalized = 0;
static int info_finalized = 0;

static wasm_trap_t* fail_cb(void* env, const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  (void)args;
  (void)results;
  CHECK(*(int*)env == 42);
  wasm_message_t msg;
  wasm_name_new_from_string_nt(&msg, "host says no");
  wasm_trap_t* trap = wasm_trap_new(g_store, &msg);
  wasm_byte_vec_delete(&msg);
  return trap;
}

static void finalize_env(void* env) {
  CHECK(*(int*)env == 42);
  env_finalized++;
}

static void finalize_info(void* info) {
  CHECK(info == (void*)0x1234);
  info_finalized++;
}

static wasm_func_t* g_doomed;  // deleted by reenter_cb when set

// Calls back into the module from inside a host function.
static wasm_trap_t* reenter_cb(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  if (g_doomed) {
    // The handle the running call was made through goes away mid-call.
    wasm_func_delete(g_doomed);
    g_doomed = NULL;
  }
  wasm_val_t a[1] = {WASM_I32_VAL(args->data[0].of.i32 + 1)};
  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_val_vec_t av = WASM_ARRAY_VEC(a), rv = WASM_ARRAY_VEC(r);
  wasm_trap_t* trap = wasm_func_call(g_double, &av, &rv);
  if (trap) return trap;
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = r[0].of.i32;
  return NULL;
}

static wasm_trap_t* echo_cb(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  wasm_val_copy(&results->data[0], &args->data[0]);
  return NULL;
}

static wasm_trap_t* nop_cb(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  (void)args;
  (void)results;
  return NULL;
}

static wasm_func_t* export_func(const wasm_extern_vec_t* exports, size_t i) {
  CHECK(i < exports->size);
  wasm_func_t* f = wasm_extern_as_func(exports->data[i]);
  CHECK(f != NULL);
  return f;
}

static void test_instance(void) {
  wasm_store_t* store = wasm_store_new(engine);
  g_store = store;
  wasm_byte_vec_t binary;
  load("api_test.wasm", &binary);
  CHECK(wasm_module_validate(store, &binary));
  wasm_module_t* module = wasm_module_new(store, &binary);
  CHECK(module != NULL);
  wasm_byte_vec_delete(&binary);

  static int env = 42;
  wasm_functype_t* t_fail = wasm_functype_new_0_0();
  wasm_functype_t* t_reenter = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
  wasm_functype_t* t_echo = wasm_functype_new_1_1(wasm_valtype_new_externref(), wasm_valtype_new_externref());
  wasm_func_t* f_fail = wasm_func_new_with_env(store, t_fail, fail_cb, &env, finalize_env);
  wasm_func_t* f_reenter = wasm_func_new(store, t_reenter, reenter_cb);
  wasm_func_t* f_echo = wasm_func_new(store, t_echo, echo_cb);
  CHECK(wasm_func_param_arity(f_reenter) == 1 && wasm_func_result_arity(f_reenter) == 1);
  wasm_functype_delete(t_fail);
  wasm_functype_delete(t_reenter);
  wasm_functype_delete(t_echo);

  wasm_extern_t* imports[] = {
    wasm_func_as_extern(f_fail), wasm_func_as_extern(f_reenter), wasm_func_as_extern(f_echo)};
  wasm_extern_vec_t import_vec = WASM_ARRAY_VEC(imports);
  wasm_trap_t* trap = NULL;
  wasm_instance_t* instance = wasm_instance_new(store, module, &import_vec, &trap);
  CHECK(instance != NULL && trap == NULL);
  wasm_func_delete(f_fail);
  wasm_func_delete(f_reenter);
  wasm_func_delete(f_echo);

  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  CHECK(exports.size == 9);
  wasm_memory_t* memory = wasm_extern_as_memory(exports.data[0]);
  wasm_table_t* table = wasm_extern_as_table(exports.data[1]);
  CHECK(memory && table);
  wasm_func_t* call_fail = export_func(&exports, 2);
  g_double = export_func(&exports, 3);
  wasm_func_t* call_reenter = export_func(&exports, 4);
  wasm_func_t* echo = export_func(&exports, 5);
  wasm_func_t* id_func = export_func(&exports, 6);
  wasm_func_t* store8 = export_func(&exports, 8);

  // A trap returned by a host function fails the call with that trap.
  wasm_val_vec_t none = WASM_EMPTY_VEC;
  trap = wasm_func_call(call_fail, &none, &none);
  CHECK(trap != NULL);
  CHECK(message_is(trap, "host says no"));
  wasm_trap_delete(trap);

  // Re-entry: the host function calls "double" while the store is busy.
  wasm_val_t a[2] = {WASM_I32_VAL(20), WASM_I32_VAL(0)};
  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_val_vec_t av = {1, a}, rv = WASM_ARRAY_VEC(r);
  CHECK(call_ok(call_reenter, &av, &rv));
  CHECK(r[0].kind == WASM_I32 && r[0].of.i32 == 42);
  // The same through a handle the host function deletes while the call
  // runs: on the handle's first call (which looks its type up), and on a
  // later one.
  for (int calls_before = 0; calls_before < 2; calls_before++) {
    wasm_func_t* doomed = wasm_func_copy(call_reenter);
    for (int i = 0; i < calls_before; i++) CHECK(call_ok(doomed, &av, &rv));
    g_doomed = doomed;
    r[0] = (wasm_val_t)WASM_INIT_VAL;
    CHECK(call_ok(doomed, &av, &rv));
    CHECK(g_doomed == NULL && r[0].kind == WASM_I32 && r[0].of.i32 == 42);
  }

  // Wrong arity and wrong types are traps, not crashes.
  trap = wasm_func_call(g_double, &none, &rv);
  CHECK(trap != NULL);
  wasm_trap_delete(trap);
  wasm_val_t bad[1] = {WASM_F64_VAL(1.0)};
  wasm_val_vec_t badv = WASM_ARRAY_VEC(bad);
  trap = wasm_func_call(g_double, &badv, &rv);
  CHECK(trap != NULL);
  wasm_trap_delete(trap);

  // Memory written by Wasm is seen by the host.
  wasm_val_t sa[2] = {WASM_I32_VAL(100), WASM_I32_VAL(0x5a)};
  wasm_val_vec_t sv = WASM_ARRAY_VEC(sa);
  CHECK(call_ok(store8, &sv, &none));
  CHECK(wasm_memory_data(memory)[100] == 0x5a);
  CHECK(wasm_memory_data_size(memory) == 65536 && wasm_memory_size(memory) == 1);
  CHECK(wasm_memory_grow(memory, 1) && wasm_memory_size(memory) == 2);

  // Host references: identity and host info survive Wasm and host calls.
  wasm_foreign_t* foreign = wasm_foreign_new(store);
  wasm_ref_t* host = wasm_foreign_as_ref(foreign);
  wasm_ref_set_host_info_with_finalizer(host, (void*)0x1234, finalize_info);
  wasm_val_t ea[1] = {WASM_REF_VAL(host)};
  wasm_val_t er[1] = {WASM_INIT_VAL};
  wasm_val_vec_t eav = WASM_ARRAY_VEC(ea), erv = WASM_ARRAY_VEC(er);
  CHECK(call_ok(echo, &eav, &erv));
  CHECK(er[0].kind == WASM_EXTERNREF && er[0].of.ref != NULL && er[0].of.ref != host);
  CHECK(wasm_ref_same(er[0].of.ref, host));
  CHECK(wasm_ref_get_host_info(er[0].of.ref) == (void*)0x1234);
  CHECK(wasm_ref_as_foreign(er[0].of.ref) != NULL && wasm_ref_as_func(er[0].of.ref) == NULL);
  wasm_val_delete(&er[0]);
  CHECK(wasm_table_set(table, 3, host));
  wasm_ref_t* back = wasm_table_get(table, 3);
  CHECK(back && wasm_ref_same(back, host));
  wasm_ref_delete(back);
  CHECK(wasm_table_get(table, 0) == NULL);      // null element
  CHECK(wasm_table_get(table, 99) == NULL);     // out of bounds
  CHECK(!wasm_table_set(table, 99, host));
  CHECK(wasm_table_grow(table, 2, NULL) && wasm_table_size(table) == 6);

  // A function passed as funcref comes back as the same function.
  wasm_val_t fa[1] = {WASM_REF_VAL(wasm_func_as_ref(g_double))};
  wasm_val_t fr[1] = {WASM_INIT_VAL};
  wasm_val_vec_t fav = WASM_ARRAY_VEC(fa), frv = WASM_ARRAY_VEC(fr);
  CHECK(call_ok(id_func, &fav, &frv));
  CHECK(fr[0].kind == WASM_FUNCREF && wasm_ref_same(fr[0].of.ref, wasm_func_as_ref(g_double)));
  wasm_func_t* back_func = wasm_ref_as_func(fr[0].of.ref);
  CHECK(back_func != NULL);
  CHECK(call_ok(back_func, &av, &rv) && r[0].of.i32 == 40);
  wasm_val_delete(&fr[0]);

  // Copies of a global share its identity and host info.
  wasm_globaltype_t* gt = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_CONST);
  wasm_val_t gv = WASM_I32_VAL(5);
  wasm_global_t* global = wasm_global_new(store, gt, &gv);
  wasm_val_t wrong = WASM_F32_VAL(1.0f);
  CHECK(wasm_global_new(store, gt, &wrong) == NULL);
  wasm_globaltype_delete(gt);
  wasm_global_set_host_info(global, (void*)7);
  wasm_global_t* gcopy = wasm_global_copy(global);
  CHECK(wasm_global_same(global, gcopy) && wasm_global_get_host_info(gcopy) == (void*)7);
  wasm_global_delete(gcopy);
  wasm_global_delete(global);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_foreign_delete(foreign);
  CHECK(env_finalized == 0 && info_finalized == 0);
  wasm_store_delete(store);
  // The store is gone with its functions and foreign objects: finalizers ran.
  CHECK(env_finalized == 1 && info_finalized == 1);
  printf("instance ok\n");
}

// --- Backtrace frames ----------------------------------------------------------

// Checks `frame` against line `i` of frames.expected (`index func_offset
// module_offset`, innermost frame first) and its instance against
// `instance`.
static void check_frame(const wasm_frame_t* frame, int i, const wasm_instance_t* instance) {
  FILE* f = fopen("frames.expected", "r");
  CHECK(f != NULL);
  unsigned index = 0;
  size_t func_offset = 0, module_offset = 0;
  for (int line = 0; line <= i; line++) {
    CHECK(fscanf(f, "%u %zu %zu", &index, &func_offset, &module_offset) == 3);
  }
  fclose(f);
  CHECK(func_offset > 0 && module_offset > func_offset);
  CHECK(wasm_frame_func_index(frame) == index);
  CHECK(wasm_frame_func_offset(frame) == func_offset);
  CHECK(wasm_frame_module_offset(frame) == module_offset);
  wasm_instance_t* in = wasm_frame_instance(frame);
  CHECK(in != NULL && in != instance);
  CHECK(wasm_instance_same(in, instance));
  CHECK(wasm_frame_instance(frame) == in);  // owned by the frame, not a new object
}

static void test_frames(void) {
  wasm_store_t* store = wasm_store_new(engine);
  wasm_byte_vec_t binary;
  load("frames.wasm", &binary);
  wasm_module_t* module = wasm_module_new(store, &binary);
  wasm_byte_vec_delete(&binary);
  CHECK(module != NULL);
  wasm_functype_t* t_nothing = wasm_functype_new_0_0();
  wasm_func_t* nothing = wasm_func_new(store, t_nothing, nop_cb);
  wasm_functype_delete(t_nothing);
  wasm_extern_t* imports[] = {wasm_func_as_extern(nothing)};
  wasm_extern_vec_t import_vec = WASM_ARRAY_VEC(imports);
  wasm_instance_t* instance = wasm_instance_new(store, module, &import_vec, NULL);
  CHECK(instance != NULL);
  wasm_func_delete(nothing);
  wasm_instance_set_host_info(instance, (void*)0x77);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  CHECK(exports.size == 1);

  wasm_val_t a[1] = {WASM_I32_VAL(3)};
  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_val_vec_t av = WASM_ARRAY_VEC(a), rv = WASM_ARRAY_VEC(r);
  // Twice: under tier-up the second call runs compiled code.
  for (int round = 0; round < 2; round++) {
    wasm_trap_t* trap = wasm_func_call(export_func(&exports, 0), &av, &rv);
    CHECK(trap != NULL && message_is(trap, "unreachable"));
    wasm_frame_vec_t trace;
    wasm_trap_trace(trap, &trace);
    CHECK(trace.size == 2);
    check_frame(trace.data[0], 0, instance);
    check_frame(trace.data[1], 1, instance);
    // The frame's instance is the instance: the same host info.
    CHECK(wasm_instance_get_host_info(wasm_frame_instance(trace.data[1])) == (void*)0x77);
    wasm_frame_t* copy = wasm_frame_copy(trace.data[1]);
    CHECK(wasm_frame_instance(copy) != wasm_frame_instance(trace.data[1]));
    check_frame(copy, 1, instance);
    wasm_frame_delete(copy);
    wasm_frame_vec_delete(&trace);

    // The origin outlives its trap, its instance and its store.
    wasm_frame_t* origin = wasm_trap_origin(trap);
    CHECK(origin != NULL);
    wasm_trap_delete(trap);
    check_frame(origin, 0, instance);
    if (round == 1) {
      wasm_extern_vec_delete(&exports);
      wasm_instance_t* kept = wasm_instance_copy(instance);
      wasm_instance_delete(instance);
      wasm_module_delete(module);
      wasm_store_delete(store);
      check_frame(origin, 0, kept);
      wasm_instance_delete(kept);
    }
    wasm_frame_delete(origin);
  }

  // A trap made by the host has no frames.
  wasm_store_t* other = wasm_store_new(engine);
  wasm_message_t m;
  wasm_name_new_from_string_nt(&m, "no frames");
  wasm_trap_t* host = wasm_trap_new(other, &m);
  wasm_byte_vec_delete(&m);
  CHECK(wasm_trap_origin(host) == NULL);
  wasm_frame_vec_t none;
  wasm_trap_trace(host, &none);
  CHECK(none.size == 0);
  wasm_frame_vec_delete(&none);
  wasm_trap_delete(host);
  wasm_store_delete(other);
  printf("frames ok\n");
}

// --- Error paths -------------------------------------------------------------

static void test_errors(void) {
  wasm_store_t* store = wasm_store_new(engine);
  wasm_byte_vec_t junk;
  wasm_byte_vec_new(&junk, 8, "\0asm\2\0\0\0");
  CHECK(!wasm_module_validate(store, &junk));
  CHECK(wasm_module_new(store, &junk) == NULL);
  CHECK(wasm_module_deserialize(store, &junk) == NULL);
  wasm_byte_vec_delete(&junk);
  wasm_byte_vec_t text;
  wasm_byte_vec_new(&text, 8, "(module)");
  CHECK(wasm_module_new(store, &text) == NULL);  // the C API takes binaries only
  wasm_byte_vec_delete(&text);

  wasm_byte_vec_t binary;
  load("imports_one.wasm", &binary);
  wasm_module_t* module = wasm_module_new(store, &binary);
  wasm_byte_vec_delete(&binary);
  CHECK(module != NULL);

  // Missing imports: NULL and a trap describing why.
  wasm_extern_vec_t no_imports = WASM_EMPTY_VEC;
  wasm_trap_t* trap = NULL;
  CHECK(wasm_instance_new(store, module, &no_imports, &trap) == NULL);
  CHECK(trap != NULL);
  wasm_trap_delete(trap);
  CHECK(wasm_instance_new(store, module, &no_imports, NULL) == NULL);

  // Imports from another store: NULL and a trap, not a crash.
  wasm_store_t* other = wasm_store_new(engine);
  wasm_functype_t* ft = wasm_functype_new_0_1(wasm_valtype_new_i32());
  wasm_func_t* foreign_func = wasm_func_new(other, ft, nop_cb);
  wasm_functype_delete(ft);
  wasm_extern_t* cross[] = {wasm_func_as_extern(foreign_func)};
  wasm_extern_vec_t cross_vec = WASM_ARRAY_VEC(cross);
  CHECK(wasm_instance_new(store, module, &cross_vec, &trap) == NULL);
  CHECK(trap != NULL);
  wasm_trap_delete(trap);
  // A funcref of another store as a global's value: concord's core panics
  // ("object used with the wrong store"); the C caller sees NULL.
  wasm_globaltype_t* fgt = wasm_globaltype_new(wasm_valtype_new_funcref(), WASM_CONST);
  wasm_val_t fval = {.kind = WASM_FUNCREF, .of = {.ref = wasm_func_as_ref(foreign_func)}};
  fprintf(stderr, "(an expected panic message follows)\n");
  CHECK(wasm_global_new(store, fgt, &fval) == NULL);
  wasm_globaltype_delete(fgt);
  wasm_func_delete(foreign_func);
  wasm_store_delete(other);

  // Serialization round trip; a module is the same as its copies only.
  wasm_byte_vec_t ser;
  wasm_module_serialize(module, &ser);
  wasm_module_t* de = wasm_module_deserialize(store, &ser);
  wasm_byte_vec_delete(&ser);
  CHECK(de != NULL);
  wasm_importtype_vec_t imports;
  wasm_module_imports(de, &imports);
  CHECK(imports.size == 1 && wasm_importtype_module(imports.data[0])->size == 3);
  wasm_importtype_vec_delete(&imports);
  wasm_module_t* mcopy = wasm_module_copy(module);
  CHECK(wasm_module_same(module, mcopy) && !wasm_module_same(module, de));
  wasm_module_delete(mcopy);
  wasm_module_delete(de);

  // Linking by name: a missing definition is an error, then it links.
  concord_linker_t* linker = concord_linker_new(engine);
  wasm_instance_t* instance = NULL;
  concord_error_t* err = concord_linker_instantiate(linker, store, module, &instance, &trap);
  CHECK(err != NULL && instance == NULL && trap == NULL);
  wasm_name_t msg;
  concord_error_message(err, &msg);
  CHECK(msg.size > 0);
  wasm_byte_vec_delete(&msg);
  concord_error_delete(err);
  wasm_globaltype_t* gt = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_CONST);
  wasm_val_t v = WASM_I32_VAL(3);
  wasm_global_t* wrong_kind = wasm_global_new(store, gt, &v);
  wasm_globaltype_delete(gt);
  CHECK(concord_linker_define(linker, "env", 3, "needed", 6, wasm_global_as_extern(wrong_kind)) == NULL);
  err = concord_linker_instantiate(linker, store, module, &instance, &trap);
  CHECK(err != NULL && instance == NULL);  // a global where a function is expected
  concord_error_delete(err);
  wasm_global_delete(wrong_kind);
  concord_linker_delete(linker);
  wasm_module_delete(module);
  wasm_store_delete(store);
  printf("errors ok\n");
}

// --- Fuel, WASI --------------------------------------------------------------

static void test_fuel(wasm_engine_t* fuel_engine) {
  wasm_store_t* store = wasm_store_new(fuel_engine);
  wasm_byte_vec_t binary;
  load("api_test.wasm", &binary);
  wasm_module_t* module = wasm_module_new(store, &binary);
  wasm_byte_vec_delete(&binary);
  // Define only what "spin" needs: the module's imports through a linker
  // with plain host functions.
  wasm_functype_t* t0 = wasm_functype_new_0_0();
  wasm_functype_t* t1 = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
  wasm_functype_t* t2 = wasm_functype_new_1_1(wasm_valtype_new_externref(), wasm_valtype_new_externref());
  wasm_func_t* fs[3] = {
    wasm_func_new(store, t0, nop_cb), wasm_func_new(store, t1, reenter_cb),
    wasm_func_new(store, t2, echo_cb)};
  wasm_functype_delete(t0);
  wasm_functype_delete(t1);
  wasm_functype_delete(t2);
  concord_linker_t* linker = concord_linker_new(fuel_engine);
  CHECK(!concord_linker_define(linker, "host", 4, "fail", 4, wasm_func_as_extern(fs[0])));
  CHECK(!concord_linker_define(linker, "host", 4, "reenter", 7, wasm_func_as_extern(fs[1])));
  CHECK(!concord_linker_define(linker, "host", 4, "echo", 4, wasm_func_as_extern(fs[2])));
  wasm_instance_t* instance = NULL;
  wasm_trap_t* trap = NULL;
  CHECK(concord_linker_instantiate(linker, store, module, &instance, &trap) == NULL && instance);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  wasm_func_t* spin = export_func(&exports, 7);

  uint64_t fuel = 0;
  CHECK(concord_store_fuel_set(store, 100000));
  wasm_val_t a[1] = {WASM_I32_VAL(100)};
  wasm_val_vec_t av = WASM_ARRAY_VEC(a), none = WASM_EMPTY_VEC;
  CHECK(call_ok(spin, &av, &none));
  CHECK(concord_store_fuel_get(store, &fuel) && fuel < 100000 && fuel > 0);
  a[0].of.i32 = 100000000;
  trap = wasm_func_call(spin, &av, &none);
  CHECK(trap != NULL && message_is(trap, "fuel"));
  wasm_trap_delete(trap);
  CHECK(concord_store_fuel_get(store, &fuel) && fuel == 0);

  for (int i = 0; i < 3; ++i) wasm_func_delete(fs[i]);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  concord_linker_delete(linker);
  wasm_module_delete(module);
  wasm_store_delete(store);
  printf("fuel ok\n");
}

static void test_wasi(void) {
  wasm_store_t* store = wasm_store_new(engine);
  CHECK(!concord_store_fuel_set(store, 1));  // this engine has no fuel
  concord_wasi_config_t* wasi = concord_wasi_config_new();
  const char* argv[] = {"wasi_hello", "x"};
  const char* names[] = {"LANG"};
  const char* values[] = {"C"};
  CHECK(concord_wasi_config_set_argv(wasi, 2, argv));
  CHECK(concord_wasi_config_set_env(wasi, 1, names, values));
  CHECK(concord_wasi_config_preopen_dir(wasi, ".", "/sandbox"));
  CHECK(!concord_wasi_config_preopen_dir(wasi, "/nonexistent/dir", "/x"));
  concord_wasi_config_inherit_stdio(wasi);
  CHECK(concord_store_set_wasi(store, wasi));

  wasm_byte_vec_t binary;
  load("wasi_hello.wasm", &binary);
  wasm_module_t* module = wasm_module_new(store, &binary);
  wasm_byte_vec_delete(&binary);
  concord_linker_t* linker = concord_linker_new(engine);
  CHECK(concord_linker_define_wasi(linker) == NULL);
  wasm_instance_t* instance = NULL;
  wasm_trap_t* trap = NULL;
  CHECK(concord_linker_instantiate(linker, store, module, &instance, &trap) == NULL && instance);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  wasm_val_vec_t none = WASM_EMPTY_VEC;
  fflush(stdout);
  trap = wasm_func_call(export_func(&exports, 1), &none, &none);
  int status = -1;
  CHECK(trap != NULL && concord_trap_exit_status(trap, &status) && status == 7);
  wasm_trap_delete(trap);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  concord_linker_delete(linker);
  wasm_module_delete(module);
  wasm_store_delete(store);
  printf("wasi ok\n");
}

static void* tick_later(void* engine) {
  struct timespec pause = {0, 50 * 1000 * 1000};
  nanosleep(&pause, NULL);
  concord_engine_increment_epoch((wasm_engine_t*)engine);
  return NULL;
}

/// An endless loop ended from another thread through the epoch; then
/// memory growth bounded by the store's limiter.
static void test_epoch_and_limits(wasm_config_t* config) {
  concord_config_epoch_interruption_set(config, true);
  wasm_engine_t* epoch_engine = wasm_engine_new_with_config(config);
  CHECK(epoch_engine != NULL);
  wasm_store_t* store = wasm_store_new(epoch_engine);
  wasm_byte_vec_t binary;
  load("epoch.wasm", &binary);
  wasm_module_t* module = wasm_module_new(store, &binary);
  wasm_byte_vec_delete(&binary);
  CHECK(module != NULL);
  // Two pages of memory at most: the module's one, and one more.
  concord_store_limiter(store, 2 * 65536, -1, -1, -1, -1);
  wasm_extern_vec_t imports = WASM_EMPTY_VEC;
  wasm_trap_t* trap = NULL;
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, &trap);
  CHECK(instance != NULL && trap == NULL);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);

  CHECK(concord_store_epoch_deadline_set(store, 1));
  pthread_t ticker;
  CHECK(pthread_create(&ticker, NULL, tick_later, epoch_engine) == 0);
  wasm_val_vec_t none = WASM_EMPTY_VEC;
  trap = wasm_func_call(export_func(&exports, 1), &none, &none);
  pthread_join(ticker, NULL);
  CHECK(trap != NULL && message_is(trap, "interrupted"));
  wasm_trap_delete(trap);
  printf("epoch ok\n");

  CHECK(concord_store_epoch_deadline_set(store, 1000));
  wasm_val_t a[1] = {WASM_I32_VAL(1)};
  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_val_vec_t av = WASM_ARRAY_VEC(a), rv = WASM_ARRAY_VEC(r);
  CHECK(call_ok(export_func(&exports, 2), &av, &rv) && r[0].of.i32 == 1);
  CHECK(call_ok(export_func(&exports, 2), &av, &rv) && r[0].of.i32 == -1);
  printf("limits ok\n");

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(epoch_engine);
}

int main(void) {
  engine = wasm_engine_new();
  CHECK(engine != NULL);
  test_vectors();
  test_types();
  test_instance();
  test_frames();
  test_errors();
  test_wasi();
  wasm_config_t* config = wasm_config_new();
  concord_config_consume_fuel_set(config, true);
  const char* tier = getenv("CONCORD_TEST_TIER");
  if (tier && !strcmp(tier, "jit")) concord_config_tier_set(config, CONCORD_TIER_JIT);
  if (tier && !strcmp(tier, "cranelift")) concord_config_tier_set(config, CONCORD_TIER_CRANELIFT);
  if (tier && !strcmp(tier, "auto")) concord_config_tier_set(config, CONCORD_TIER_AUTO);
  wasm_engine_t* fuel_engine = wasm_engine_new_with_config(config);
  CHECK(fuel_engine != NULL);
  test_fuel(fuel_engine);
  wasm_engine_delete(fuel_engine);
  wasm_config_t* epoch_config = wasm_config_new();
  if (tier && !strcmp(tier, "jit")) concord_config_tier_set(epoch_config, CONCORD_TIER_JIT);
  if (tier && !strcmp(tier, "cranelift")) concord_config_tier_set(epoch_config, CONCORD_TIER_CRANELIFT);
  if (tier && !strcmp(tier, "auto")) concord_config_tier_set(epoch_config, CONCORD_TIER_AUTO);
  test_epoch_and_limits(epoch_config);
  wasm_engine_delete(engine);
  printf("Done.\n");
  return 0;
}
