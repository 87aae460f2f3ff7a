//! The helper macros every op handler shares (`get!`, `set!`, `next!`,
//! `trap!`, `enter!`, ...), expanded at the top of each handler generated
//! by [`define_handlers!`](super::define_handlers) in `handlers.rs`.
//!
//! The handlers' state (`ip`, `fp`, `acc`, ...) is named by the caller, so
//! that the macros refer to the handler's own locals; `$d` is the caller's
//! `$`, which the nested `macro_rules!` need for their own parameters.

/// Defines the handlers' helper macros over the handler state named by
/// the arguments (see the module docs).
macro_rules! handler_prelude {
    ($d:tt, $ip:ident, $fp:ident, $mem_base:ident, $cx:ident, $acc:ident, $facc:ident, $vmctx:ident,
     $func:ident, $module:ident, $frames:ident, $runtime:ident, $cells_end:ident, $max_depth:ident,
     $lazy_entry:ident, $offered:ident) => {
        macro_rules! get {
            ($d s:expr) => {
                *super::cell($fp, $d s)
            };
        }
        macro_rules! set {
            ($d s:expr, $d v:expr) => {{
                let v: RawVal = $d v;
                *super::cell($fp, $d s) = v;
            }};
        }
        // `v128` cells move as two 8-byte accesses, like scalars (word 0),
        // so a load always matches the size of the store that wrote it and
        // store-to-load forwarding works between consecutive ops.
        // (Volatile reads keep the compiler from merging them into one
        // 16-byte load, which could not be forwarded from two 8-byte stores.)
        macro_rules! getv {
            ($d s:expr) => {{
                let c = super::cell($fp, $d s) as *const u64;
                (ptr::read_volatile(c) as u128) | ((ptr::read_volatile(c.add(1)) as u128) << 64)
            }};
        }
        macro_rules! setv {
            ($d s:expr, $d v:expr) => {{
                let v: u128 = $d v;
                let c = super::cell($fp, $d s);
                (*c).0[0] = v as u64;
                (*c).0[1] = (v >> 64) as u64;
            }};
        }
        macro_rules! get64 {
            ($d s:expr) => {
                (*super::cell($fp, $d s)).0[0]
            };
        }
        macro_rules! set64 {
            ($d s:expr, $d v:expr) => {{
                let v: u64 = $d v;
                (*super::cell($fp, $d s)).0[0] = v;
                $acc = v;
            }};
        }
        macro_rules! get32 {
            ($d s:expr) => {
                get64!($d s) as u32
            };
        }
        macro_rules! set32 {
            ($d s:expr, $d v:expr) => {
                set64!($d s, ($d v) as u32 as u64)
            };
        }
        // `ip` is past the op when its arm runs, so falling through to the
        // next op needs nothing, and a branch offset (in bytes, relative to
        // the branch op itself) is applied less one op.
        macro_rules! next {
            () => {
                ()
            };
        }
        macro_rules! jump {
            ($d off:expr) => {
                $ip = $ip.byte_offset($d off as isize - size_of::<Op>() as isize)
            };
        }
        // A conditional branch. The taken side dispatches on its own, so that
        // the compiler branches to one of two dispatches instead of selecting
        // the next `ip` (a select would make every later op wait for the
        // condition's operands).
        macro_rules! branch {
            ($d cond:expr, $d off:expr) => {{
                if $d cond {
                    jump!($d off);
                    dispatch!();
                }
                // (The hint keeps the two dispatches apart: the compiler
                // merges unbiased ones into one with a select.)
                std::hint::cold_path();
            }};
        }
        // Memory 0 again, after anything that may have grown or moved it:
        // its base in the register, its length in the `Cx`.
        macro_rules! reload_mem0 {
            () => {{
                let (base, len) = memory::load_mem0($vmctx);
                $mem_base = base;
                (*$cx).mem_len = len;
            }};
        }
        macro_rules! trap {
            ($d code:expr) => {
                return super::exit_trap($d code, $ip, $fp, $cx)
            };
        }
        // i32 binary op on (slot, slot) or (slot, imm).
        macro_rules! i32_op {
            ($d dst:expr, $d a:expr, $d b:expr, |$d x:ident, $d y:ident| $d e:expr) => {{
                let $d x: u32 = $d a;
                let $d y: u32 = $d b;
                set32!($d dst, $d e);
                next!();
            }};
        }
        macro_rules! i64_op {
            ($d dst:expr, $d a:expr, $d b:expr, |$d x:ident, $d y:ident| $d e:expr) => {{
                let $d x: u64 = $d a;
                let $d y: u64 = $d b;
                set64!($d dst, $d e);
                next!();
            }};
        }
        // A fused op's first result that no op reads from its cell (the
        // translator fuses these pairs only then: `Op::drops_first_result`):
        // to the register alone.
        macro_rules! i32_reg {
            ($d dst:expr, $d a:expr, $d b:expr, |$d x:ident, $d y:ident| $d e:expr) => {{
                let _ = $d dst;
                let $d x: u32 = $d a;
                let $d y: u32 = $d b;
                $acc = ($d e) as u32 as u64;
            }};
        }
        macro_rules! f64_op_reg {
            ($d dst:expr, $d a:expr, $d b:expr, |$d x:ident, $d y:ident| $d e:expr) => {{
                let _ = $d dst;
                let $d x = f64::from_bits($d a);
                let $d y = f64::from_bits($d b);
                $facc = $d e;
            }};
        }
        macro_rules! load_reg {
            ($d dst:expr, $d addr:expr, $d imm:expr, $d offset:expr, $d t:ty, |$d x:ident| $d e:expr) => {{
                let _ = $d dst;
                let p = ea!($d addr, $d imm, $d offset, size_of::<$d t>());
                let $d x = <$d t>::from_le_bytes(ptr::read_unaligned(p as *const [u8; size_of::<$d t>()]));
                $acc = $d e;
            }};
        }
        macro_rules! f64_reg {
            ($d dst:expr, $d v:expr) => {{
                let _ = $d dst;
                $facc = $d v;
            }};
        }
        // An `f64` result: to its cell and to `facc` (not `acc`: the ops that
        // read it from a register are the float ops, `Op::acc_result`).
        macro_rules! fset {
            ($d s:expr, $d v:expr) => {{
                let v: f64 = $d v;
                (*super::cell($fp, $d s)).0[0] = v.to_bits();
                $facc = v;
                next!();
            }};
        }
        macro_rules! f64_op {
            ($d dst:expr, $d a:expr, $d b:expr, |$d x:ident, $d y:ident| $d e:expr) => {{
                let $d x = f64::from_bits($d a);
                let $d y = f64::from_bits($d b);
                fset!($d dst, $d e);
            }};
        }
        macro_rules! br_cmp64 {
            ($d a:expr, $d b:expr, $d off:expr, |$d x:ident, $d y:ident| $d e:expr) => {{
                let $d x: u64 = $d a;
                let $d y: u64 = $d b;
                branch!($d e, $d off);
            }};
        }
        macro_rules! br_f64 {
            ($d a:expr, $d b:expr, $d off:expr, |$d x:ident, $d y:ident| $d e:expr) => {{
                let $d x = f64::from_bits($d a);
                let $d y = f64::from_bits($d b);
                branch!($d e, $d off);
            }};
        }
        macro_rules! br_cmp {
            ($d a:expr, $d b:expr, $d off:expr, |$d x:ident, $d y:ident| $d e:expr) => {{
                let $d x: u32 = $d a;
                let $d y: u32 = $d b;
                branch!($d e, $d off);
            }};
        }
        // Effective address of a memory-0 access of `$size` bytes; `$imm`
        // is a folded `i32.add`'s constant (the sum wraps, as the add would).
        macro_rules! ea {
            ($d addr:expr, $d offset:expr, $d size:expr) => {
                ea!($d addr, 0, $d offset, $d size)
            };
            ($d addr:expr, $d imm:expr, $d offset:expr, $d size:expr) => {{
                // The access's end, checked, and the access addressed back
                // from it (one `lea` for the sum, the subtraction folded into
                // the access's displacement).
                let addr: u32 = $d addr;
                let end = addr.wrapping_add($d imm as u32) as u64 + $d offset as u64 + $d size as u64;
                // (Left as it is, the compiler computes the address again from
                // its terms: two more instructions.)
                let end = super::opaque(end);
                if end > (*$cx).mem_len as u64 {
                    trap!(TrapCode::MemoryOutOfBounds);
                }
                $mem_base.add(end as usize).sub($d size as usize)
            }};
        }
        macro_rules! load {
            ($d dst:expr, $d addr:expr, $d imm:expr, $d offset:expr, $d t:ty, |$d x:ident| $d e:expr) => {{
                let p = ea!($d addr, $d imm, $d offset, size_of::<$d t>());
                let $d x = <$d t>::from_le_bytes(ptr::read_unaligned(p as *const [u8; size_of::<$d t>()]));
                set64!($d dst, $d e);
                next!();
            }};
        }
        macro_rules! store {
            ($d addr:expr, $d value:expr, $d imm:expr, $d offset:expr, $d t:ty) => {{
                let p = ea!($d addr, $d imm, $d offset, size_of::<$d t>());
                let v = ($d value) as $d t;
                ptr::write_unaligned(p as *mut [u8; size_of::<$d t>()], v.to_le_bytes());
                next!();
            }};
        }
        // An access at a constant address (`ea < 2^33`: no overflow).
        macro_rules! load_abs {
            ($d dst:expr, $d ea:expr, $d t:ty) => {{
                if $d ea + size_of::<$d t>() as u64 > (*$cx).mem_len as u64 {
                    trap!(TrapCode::MemoryOutOfBounds);
                }
                let p = $mem_base.add($d ea as usize);
                set64!($d dst, <$d t>::from_le_bytes(ptr::read_unaligned(p as *const [u8; size_of::<$d t>()])) as u64);
            }};
        }
        macro_rules! store_abs {
            ($d value:expr, $d ea:expr, $d t:ty) => {{
                if $d ea + size_of::<$d t>() as u64 > (*$cx).mem_len as u64 {
                    trap!(TrapCode::MemoryOutOfBounds);
                }
                let p = $mem_base.add($d ea as usize);
                ptr::write_unaligned(p as *mut [u8; size_of::<$d t>()], (($d value) as $d t).to_le_bytes());
            }};
        }
        // The second op of a pair: the op at `ip`, which `Op::pair_with`
        // checked is a `$name`; `ip` moves past it first, as its dispatch would.
        macro_rules! then {
            ($d name:ident { $d ($d field:tt)* } => $d body:block) => {{
                let Op::$d name { $d ($d field)* } = *$ip else {
                    // The translator pairs an op only with the op it checked.
                    std::hint::unreachable_unchecked()
                };
                $ip = $ip.add(1);
                $d body
            }};
        }
        // An operand of a pair's second op: the first op's result `$value`
        // (from its register) when the operand is the first op's result
        // `$first`, else from its cell. (A branch, not a select: a select
        // would wait for the cell too.)
        macro_rules! chained {
            ($d s:expr, $d first:expr, $d value:expr) => {
                if $d s == $d first { $d value } else { get64!($d s) }
            };
        }
        macro_rules! libcall {
            ($d e:expr) => {{
                if let Err(code) = $d e {
                    trap!(code);
                }
                next!();
            }};
        }
        // Pushes a frame for `callee` at `new_fp` in instance `callee_vmctx`.
        macro_rules! enter {
            ($d callee:expr, $d new_fp:expr, $d callee_vmctx:expr) => {{
                let callee: &FuncCode = $d callee;
                let new_fp: *mut RawVal = $d new_fp;
                if $frames.len() + 2 > $max_depth || ($cells_end.offset_from(new_fp) as usize) < callee.max_slots as usize
                {
                    trap!(TrapCode::StackOverflow);
                }
                if $frames.len() == $frames.capacity() {
                    // Rare: room for more records, then this op again.
                    return super::grow_frames($ip.sub(1), $fp, $mem_base, $cx);
                }
                // The declared locals start at zero (those a read may find
                // unwritten: `FuncCode::zero_start`). (Volatile stores: the
                // compiler would make a loop of plain ones a call to `memset`,
                // and a call keeps the handler from running without a frame.)
                // (Two word stores a cell: a volatile store of a whole cell
                // goes through the stack.)
                for i in callee.zero_start as usize..callee.local_cells as usize {
                    let words = new_fp.add(i).cast::<u64>();
                    ptr::write_volatile(words, 0);
                    ptr::write_volatile(words.add(1), 0);
                }
                // SAFETY (of the push): the capacity was checked above.
                let len = $frames.len();
                ptr::write($frames.as_mut_ptr().add(len), FrameRecord { $ip, $fp, $func, $vmctx });
                $frames.set_len(len + 1);
                $fp = new_fp;
                $func = callee;
                (*$cx).func = $func;
                $ip = callee.ops.as_ptr();
                let callee_vmctx: *mut VmContext = $d callee_vmctx;
                if callee_vmctx != $vmctx {
                    $vmctx = callee_vmctx;
                    (*$cx).vmctx = $vmctx;
                    $module = vm::tier_code($vmctx, Tier::Interp).cast();
                    (*$cx).module = $module;
                    reload_mem0!();
                }
            }};
        }
        // Calls through a function reference: pushes a frame when the
        // callee's entry is the interpreter's (compiling it first if it is
        // still lazy), else calls its entry.
        macro_rules! call_ref {
            ($d funcref:expr, $d base:expr, $d len:expr) => {{
                let funcref: *const VmFuncRef = $d funcref;
                let entry = (*funcref).entry;
                if is_interpreted((*entry).array_call_addr()) {
                    let callee_vmctx = (*funcref).vmctx;
                    // (Most calls stay in the instance, whose module is at hand.)
                    let callee_module: *const InterpModule = if callee_vmctx == $vmctx {
                        $module
                    } else {
                        vm::tier_code(callee_vmctx, Tier::Interp).cast()
                    };
                    let callee_module: &InterpModule = &*callee_module;
                    let def = (*funcref).func_index - callee_module.info.num_imported_funcs;
                    let code = callee_module.published(def);
                    if code.is_null() {
                        return super::exit_unpublished(callee_module, def, $ip, $fp, $cx);
                    }
                    enter!(&*code, $fp.add($d base as usize), callee_vmctx)
                } else {
                    // A lazy function's first call, or one to machine code or
                    // the host: out of line, so this handler needs no frame.
                    return super::call_other(funcref, $ip, $fp, $mem_base, $cx);
                }
            }};
        }
        // The callee of a `call_indirect` of type `type_index` through
        // `table` at the index in slot `index`, checked (or a trap).
        macro_rules! indirect_callee {
            ($d type_index:expr, $d table:expr, $d index:expr) => {{
                let t = *(*$vmctx).tables.add($d table as usize);
                let i = get32!($d index) as usize;
                if i >= (*t).length {
                    trap!(TrapCode::UndefinedElement);
                }
                let funcref = *(*t).base.add(i) as *const VmFuncRef;
                if funcref.is_null() {
                    trap!(TrapCode::UninitializedElement);
                }
                if (*funcref).type_id != *(*$vmctx).type_ids.add($d type_index as usize) {
                    trap!(TrapCode::IndirectCallTypeMismatch);
                }
                funcref
            }};
        }
        // Replaces the current frame with one for `callee` in instance
        // `callee_vmctx`, whose arguments are at `base` (a tail call): the
        // frame stays at `fp` and no record is pushed.
        macro_rules! replace {
            ($d callee:expr, $d base:expr, $d callee_vmctx:expr) => {{
                let callee: &FuncCode = $d callee;
                if ($cells_end.offset_from($fp) as usize) < callee.max_slots as usize {
                    trap!(TrapCode::StackOverflow);
                }
                let params = callee.num_params as usize;
                ptr::copy($fp.add($d base as usize), $fp, params);
                let zeroed = (callee.local_cells - callee.zero_start) as usize;
                if zeroed > 0 {
                    ptr::write_bytes($fp.add(callee.zero_start as usize), 0, zeroed);
                }
                $func = callee;
                (*$cx).func = $func;
                $ip = callee.ops.as_ptr();
                let callee_vmctx: *mut VmContext = $d callee_vmctx;
                if callee_vmctx != $vmctx {
                    $vmctx = callee_vmctx;
                    (*$cx).vmctx = $vmctx;
                    $module = vm::tier_code($vmctx, Tier::Interp).cast();
                    (*$cx).module = $module;
                    reload_mem0!();
                }
            }};
        }
        // A tail call through a function reference: replaces the frame when
        // the callee's entry is the interpreter's (compiling it first if it
        // is still lazy), else calls its entry and returns its results.
        macro_rules! tail_call_ref {
            ($d funcref:expr, $d base:expr, $d len:expr) => {{
                let funcref: *const VmFuncRef = $d funcref;
                let entry = (*funcref).entry;
                let mut target = (*entry).array_call_addr();
                if target == $lazy_entry {
                    if !vm::compile_lazily(funcref) {
                        return super::exit_pending(false, $ip, $fp, $cx);
                    }
                    target = (*entry).array_call_addr();
                }
                if is_interpreted(target) {
                    let callee_vmctx = (*funcref).vmctx;
                    // (Most calls stay in the instance, whose module is at hand.)
                    let callee_module: *const InterpModule = if callee_vmctx == $vmctx {
                        $module
                    } else {
                        vm::tier_code(callee_vmctx, Tier::Interp).cast()
                    };
                    let callee_module: &InterpModule = &*callee_module;
                    let def = (*funcref).func_index - callee_module.info.num_imported_funcs;
                    let code = callee_module.published(def);
                    if code.is_null() {
                        return super::exit_unpublished(callee_module, def, $ip, $fp, $cx);
                    }
                    replace!(&*code, $d base, callee_vmctx)
                } else if $frames.is_empty() && $offered {
                    // The caller makes the call (RFC 0008), so interpreter
                    // and machine code tail-calling each other run in
                    // constant stack. (The callee has this function's
                    // results, which are the activation's.) `tail_args`
                    // holds `MAX_PARAMS` cells, as many as a type may have
                    // parameters.
                    ptr::copy_nonoverlapping($fp.add($d base as usize), (*$runtime).tail_args, $d len as usize);
                    (*$runtime).tail_callee = funcref;
                    break;
                } else {
                    let ok = ((*entry).array_call())(funcref, $vmctx, $fp.add($d base as usize), $d len as usize);
                    if !ok {
                        return super::exit_pending(false, $ip, $fp, $cx);
                    }
                    // The callee's results are this function's. (It may have
                    // grown memory 0.)
                    ptr::copy($fp.add($d base as usize), $fp, (*$func).num_results as usize);
                    reload_mem0!();
                    ret!();
                }
            }};
        }
        // Back to the caller's frame. Memory 0 is reloaded only when the
        // caller is another instance's: within an instance, every op that may
        // grow or move it reloads it as it runs (`MemoryGrow`, `Epoch`, calls
        // out of the interpreter, a caught exception), and a returning frame
        // leaves the current base in `mem_base`; the two ways back from
        // machine code reload it before they return (`tail_call_ref!`,
        // `TierUp`).
        macro_rules! ret {
            () => {{
                match $frames.pop() {
                    None => break,
                    Some(r) => {
                        $ip = r.ip;
                        $fp = r.fp;
                        $func = r.func;
                        (*$cx).func = $func;
                        if r.vmctx != $vmctx {
                            $vmctx = r.vmctx;
                            (*$cx).vmctx = $vmctx;
                            $module = vm::tier_code($vmctx, Tier::Interp).cast();
                            (*$cx).module = $module;
                            reload_mem0!();
                        }
                    }
                }
            }};
        }
    };
}
pub(super) use handler_prelude;
