//! Entry trampolines: the array-call convention in (plus the code to run,
//! passed by `concord_core::machine::traps::call` as a fifth argument), the
//! function's own convention out.

use crate::emit::gpr::*;
use crate::emit::{Asm, INT_PARAM_REGS, INT_RESULT_REGS};
use concord_core::vm::offsets;
use concord_core::{FuncType, ValType};
use dynasmrt::{DynasmApi, dynasm};

/// Bytes per value cell.
const CELL: i32 = size_of::<concord_core::RawVal>() as i32;

/// The entry trampoline for functions of type `ty`.
///
/// In: `rdi` = callee `VmFuncRef`, `rsi` = caller context, `rdx` = value
/// cells, `rcx` = their count, `r8` = the function's code. Out: the
/// function called with its context and arguments; its results stored in
/// the cells; `al` = 1. A trap never returns here (the signal handler
/// resumes `traps::call`).
pub(crate) fn entry(ty: &FuncType) -> Vec<u8> {
    let mut a = Asm::new();
    let vmctx = offsets::FUNCREF_VMCTX as i32;
    if crate::native_convention(ty) {
        dynasm!(a.ops
            ; .arch x64
            ; push rbp
            ; mov rbp, rsp
            ; push rbx
            ; push r12
            ; mov rbx, rdx
            ; mov r11, r8
            ; mov rdi, [rdi + vmctx]
        );
        load_params(&mut a, ty.params(), RBX);
        dynasm!(a.ops ; .arch x64 ; call r11);
        store_results(&mut a, ty);
        dynasm!(a.ops
            ; .arch x64
            ; mov eax, 1
            ; pop r12
            ; pop rbx
            ; pop rbp
            ; ret
        );
    } else if crate::convention(ty) == crate::Conv::Args {
        // The arguments are read from the cells, the results come back in
        // registers.
        dynasm!(a.ops
            ; .arch x64
            ; push rbp
            ; mov rbp, rsp
            ; push rbx
            ; push r12
            ; mov rbx, rdx
            ; mov rdi, [rdi + vmctx]
            ; call r8
        );
        store_results(&mut a, ty);
        dynasm!(a.ops
            ; .arch x64
            ; mov eax, 1
            ; pop r12
            ; pop rbx
            ; pop rbp
            ; ret
        );
    } else {
        // Arguments and results in the same cells.
        dynasm!(a.ops
            ; .arch x64
            ; push rbp
            ; mov rbp, rsp
            ; mov rdi, [rdi + vmctx]
            ; mov rcx, rdx
            ; call r8
            ; mov eax, 1
            ; pop rbp
            ; ret
        );
    }
    let _ = (RAX, RSP, RBP, R12);
    match a.finish() {
        Ok((code, _)) => code,
        // Only labels can fail to resolve, and trampolines have none.
        Err(e) => unreachable!("entry trampoline: {e}"),
    }
}

/// Stores the results of a call of type `ty`, in the native convention's
/// result registers, to the cells at `rbx`.
fn store_results(a: &mut Asm, ty: &FuncType) {
    let (mut ints, mut floats) = (0usize, 0u8);
    for (i, &r) in ty.results().iter().enumerate() {
        let at = CELL * i as i32;
        match r {
            ValType::I32 => {
                let reg = INT_RESULT_REGS[ints];
                ints += 1;
                dynasm!(a.ops ; .arch x64 ; mov Rd(reg), Rd(reg) ; mov [rbx + at], Rq(reg));
            }
            ValType::I64 | ValType::FuncRef | ValType::ExternRef | ValType::Ref(_) => {
                let reg = INT_RESULT_REGS[ints];
                ints += 1;
                dynasm!(a.ops ; .arch x64 ; mov [rbx + at], Rq(reg));
            }
            ValType::F32 => {
                dynasm!(a.ops ; .arch x64 ; movss [rbx + at], Rx(floats) ; mov DWORD [rbx + at + 4], 0);
                floats += 1;
            }
            ValType::F64 => {
                dynasm!(a.ops ; .arch x64 ; movsd [rbx + at], Rx(floats));
                floats += 1;
            }
            ValType::V128 => {
                dynasm!(a.ops ; .arch x64 ; movdqu [rbx + at], Rx(floats));
                floats += 1;
            }
        }
    }
}

/// Loads `params`, stored as value cells at register `base`, into their
/// registers in the native convention (RFC 0006).
pub(crate) fn load_params(a: &mut Asm, params: &[ValType], base: u8) {
    let (mut ints, mut floats) = (0usize, 0u8);
    for (i, &p) in params.iter().enumerate() {
        let at = CELL * i as i32;
        match p {
            ValType::I32 => {
                let r = INT_PARAM_REGS[ints];
                ints += 1;
                dynasm!(a.ops ; .arch x64 ; mov Rd(r), [Rq(base) + at]);
            }
            ValType::I64 | ValType::FuncRef | ValType::ExternRef | ValType::Ref(_) => {
                let r = INT_PARAM_REGS[ints];
                ints += 1;
                dynasm!(a.ops ; .arch x64 ; mov Rq(r), [Rq(base) + at]);
            }
            ValType::F32 => {
                dynasm!(a.ops ; .arch x64 ; movss Rx(floats), [Rq(base) + at]);
                floats += 1;
            }
            ValType::F64 => {
                dynasm!(a.ops ; .arch x64 ; movsd Rx(floats), [Rq(base) + at]);
                floats += 1;
            }
            ValType::V128 => {
                dynasm!(a.ops ; .arch x64 ; movdqu Rx(floats), [Rq(base) + at]);
                floats += 1;
            }
        }
    }
}
