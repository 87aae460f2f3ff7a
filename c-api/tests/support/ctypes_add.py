# Runs a module through libconcord.so from Python with ctypes (the snippet of
# c-api/README.md; tests/python.rs runs it): python3 ctypes_add.py path/to/libconcord.so

import ctypes, sys

lib = ctypes.CDLL(sys.argv[1])

class ByteVec(ctypes.Structure):
    _fields_ = [("size", ctypes.c_size_t), ("data", ctypes.POINTER(ctypes.c_char))]

class Val(ctypes.Structure):
    class Of(ctypes.Union):
        _fields_ = [("i32", ctypes.c_int32), ("i64", ctypes.c_int64),
                    ("f32", ctypes.c_float), ("f64", ctypes.c_double), ("ref", ctypes.c_void_p)]
    _fields_ = [("kind", ctypes.c_uint8), ("of", Of)]

class ValVec(ctypes.Structure):
    _fields_ = [("size", ctypes.c_size_t), ("data", ctypes.POINTER(Val))]

class ExternVec(ctypes.Structure):
    _fields_ = [("size", ctypes.c_size_t), ("data", ctypes.POINTER(ctypes.c_void_p))]

for name in ["wasm_engine_new", "wasm_store_new", "wasm_module_new", "wasm_instance_new",
             "wasm_extern_as_func", "wasm_func_call"]:
    getattr(lib, name).restype = ctypes.c_void_p
lib.wasm_store_new.argtypes = [ctypes.c_void_p]
lib.wasm_module_new.argtypes = [ctypes.c_void_p, ctypes.POINTER(ByteVec)]
lib.wasm_instance_new.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ExternVec), ctypes.c_void_p]
lib.wasm_instance_exports.argtypes = [ctypes.c_void_p, ctypes.POINTER(ExternVec)]
lib.wasm_extern_as_func.argtypes = [ctypes.c_void_p]
lib.wasm_func_call.argtypes = [ctypes.c_void_p, ctypes.POINTER(ValVec), ctypes.POINTER(ValVec)]
for name in ["wasm_extern_vec_delete"]:
    getattr(lib, name).argtypes = [ctypes.POINTER(ExternVec)]
for name in ["wasm_instance_delete", "wasm_module_delete", "wasm_store_delete", "wasm_engine_delete"]:
    getattr(lib, name).argtypes = [ctypes.c_void_p]

# (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
wasm = bytes.fromhex("0061736d0100000001070160027f7f017f030201000707010361646400000a09010700200020016a0b")
engine = lib.wasm_engine_new()
store = lib.wasm_store_new(engine)
buf = ctypes.create_string_buffer(wasm, len(wasm))
module = lib.wasm_module_new(store, ByteVec(len(wasm), buf))
instance = lib.wasm_instance_new(store, module, ExternVec(0, None), None)
exports = ExternVec()
lib.wasm_instance_exports(instance, ctypes.byref(exports))
add = lib.wasm_extern_as_func(exports.data[0])
args = (Val * 2)(Val(0, Val.Of(i32=2)), Val(0, Val.Of(i32=40)))
results = (Val * 1)()
assert lib.wasm_func_call(add, ValVec(2, args), ValVec(1, results)) is None
print(results[0].of.i32)  # 42
lib.wasm_extern_vec_delete(ctypes.byref(exports))
lib.wasm_instance_delete(instance)
lib.wasm_module_delete(module)
lib.wasm_store_delete(store)
lib.wasm_engine_delete(engine)
