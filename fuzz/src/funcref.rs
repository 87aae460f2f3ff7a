//! Typed function references in generated modules. wasm-smith generates
//! them (`call_ref`, `ref.as_non_null`, `br_on_null`, `(ref $t)` locals...)
//! only together with GC, which concord does not implement, so [`rewrite`]
//! adds them to its output: each direct call may become a call through a
//! typed reference to the same function, obtained in one of several ways,
//! so the module keeps its behaviour while every tier runs typed
//! references, non-nullable locals and the null-testing branches.

use std::collections::BTreeSet;

use arbitrary::Unstructured;
use wasm_encoder::reencode::{self, Reencode};
use wasm_encoder::{
    BlockType, CodeSection, ElementSection, Elements, Encode, HeapType, Instruction, RefType, SectionId, ValType,
};
use wasmparser::{Operator, Parser, Payload};

type Result<T> = std::result::Result<T, reencode::Error<arbitrary::Error>>;

/// `bytes` (a valid module, from wasm-smith) with each `call $f` and
/// `return_call $f` either kept or, as `u` chooses, replaced by a
/// `call_ref`/`return_call_ref` of type `$f`'s on a reference to `$f`:
///
/// - the reference is `ref.func $f`, possibly passed through a new local of
///   type `(ref $t)` (`local.set` and `local.get`, or `local.tee`) or
///   `(ref null $t)` (then optionally tested with `ref.is_null`), or chosen
///   over `ref.null $t` by a typed `select`;
/// - it is used as it is (when its type is non-nullable), or made
///   non-nullable by `ref.as_non_null`, by `br_on_non_null` or
///   `br_on_null` out of blocks of result `(ref $t)`, optionally after the
///   same test on a `ref.null $t` (the other way out of the branch).
///
/// The called functions are declared by a new declarative element segment,
/// so `ref.func` is valid on them; new locals are appended to each
/// function's. Everything else is copied as it is. When `u` runs out, the
/// remaining calls are kept.
///
/// # Panics
///
/// If `bytes` is not a valid module.
pub fn rewrite(u: &mut Unstructured<'_>, bytes: &[u8]) -> arbitrary::Result<Vec<u8>> {
    let mut rewriter = Rewriter::new(u, bytes);
    let mut module = wasm_encoder::Module::new();
    match rewriter.parse_core_module(&mut module, Parser::new(0), bytes) {
        Ok(()) => Ok(module.finish()),
        Err(reencode::Error::UserError(e)) => Err(e),
        Err(e) => panic!("rewriting a module from wasm-smith: {e}"),
    }
}

/// The module-wide facts the rewrite needs, and the choices.
struct Rewriter<'a, 'b> {
    u: &'a mut Unstructured<'b>,
    /// The type index of each function, imported ones first.
    func_types: Vec<u32>,
    /// The number of parameters of each type (0 for non-function types).
    params: Vec<u32>,
    /// The targets of every direct call, declared for `ref.func`.
    targets: BTreeSet<u32>,
    /// The index of the function whose body comes next.
    next_func: usize,
    /// Whether the declarative segment is written.
    declared: bool,
}

impl<'a, 'b> Rewriter<'a, 'b> {
    fn new(u: &'a mut Unstructured<'b>, bytes: &[u8]) -> Self {
        let mut r = Rewriter {
            u,
            func_types: Vec::new(),
            params: Vec::new(),
            targets: BTreeSet::new(),
            next_func: 0,
            declared: false,
        };
        for payload in Parser::new(0).parse_all(bytes) {
            match payload.expect("a valid module") {
                Payload::TypeSection(s) => {
                    for ty in s.into_iter().flat_map(|g| g.expect("a valid module").into_types()) {
                        let params = match ty.composite_type.inner {
                            wasmparser::CompositeInnerType::Func(f) => f.params().len(),
                            _ => 0,
                        };
                        r.params.push(params as u32);
                    }
                }
                Payload::ImportSection(s) => {
                    for import in s.into_imports() {
                        if let wasmparser::TypeRef::Func(t) = import.expect("a valid module").ty {
                            r.func_types.push(t);
                        }
                    }
                }
                Payload::FunctionSection(s) => {
                    r.next_func = r.func_types.len();
                    r.func_types.extend(s.into_iter().map(|t| t.expect("a valid module")));
                }
                Payload::CodeSectionEntry(body) => {
                    for op in body.get_operators_reader().expect("a valid module") {
                        match op.expect("a valid module") {
                            Operator::Call { function_index } | Operator::ReturnCall { function_index } => {
                                r.targets.insert(function_index);
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        r
    }

    /// Adds the declarative segment of the call targets, once.
    fn declare(&mut self, elements: &mut ElementSection) {
        if !self.targets.is_empty() {
            let funcs: Vec<u32> = self.targets.iter().copied().collect();
            elements.declared(Elements::Functions(funcs.into()));
        }
        self.declared = true;
    }

    /// `call $f` (or `return_call $f` when `tail`), or its replacement if
    /// `u` chooses one, appended to `code`.
    fn call(&mut self, code: &mut Vec<u8>, locals: &mut Locals, f: u32, tail: bool) -> Result<()> {
        use Instruction::*;
        let u = &mut *self.u;
        let mut pick = |max: u8| u.int_in_range(0..=max).map_err(reencode::Error::UserError);
        // A third of the calls stay direct.
        if pick(2)? == 0 {
            (if tail { ReturnCall(f) } else { Call(f) }).encode(code);
            return Ok(());
        }
        let ty = self.func_types[f as usize];
        let typed = |nullable| {
            ValType::Ref(RefType {
                nullable,
                heap_type: HeapType::Concrete(ty),
            })
        };
        let (non_null, nullable) = (typed(false), typed(true));
        // Pushes the reference to `$f`; true if its type is nullable.
        let source = pick(5)?;
        let mut reference = |out: &mut Vec<Instruction<'static>>| {
            match source {
                0 => out.push(RefFunc(f)),
                1 => {
                    let l = locals.get(non_null);
                    out.extend([RefFunc(f), LocalSet(l), LocalGet(l)]);
                }
                2 => out.extend([RefFunc(f), LocalTee(locals.get(non_null))]),
                3 => {
                    let l = locals.get(nullable);
                    out.extend([RefFunc(f), LocalSet(l), LocalGet(l)]);
                }
                4 => {
                    let l = locals.get(nullable);
                    out.extend([RefFunc(f), LocalSet(l), LocalGet(l), RefIsNull]);
                    out.extend([If(BlockType::Empty), Unreachable, End, LocalGet(l)]);
                }
                // The second operand, since the condition is 0.
                _ => out.extend([
                    RefNull(HeapType::Concrete(ty)),
                    RefFunc(f),
                    I32Const(0),
                    TypedSelect(nullable),
                ]),
            }
            source >= 3
        };
        // The reference made non-nullable, for `call_ref`.
        let result = BlockType::Result(non_null);
        let null = RefNull(HeapType::Concrete(ty));
        let mut out = Vec::new();
        match pick(5)? {
            0 => {
                if reference(&mut out) {
                    out.push(RefAsNonNull);
                }
            }
            1 => {
                reference(&mut out);
                out.push(RefAsNonNull);
            }
            2 => {
                out.push(Block(result));
                reference(&mut out);
                out.extend([BrOnNonNull(0), Unreachable, End]);
            }
            3 => {
                out.extend([Block(result), Block(BlockType::Empty)]);
                reference(&mut out);
                out.extend([BrOnNull(0), Br(1), End, Unreachable, End]);
            }
            // A null first, on which `br_on_non_null` falls through.
            4 => {
                out.extend([Block(result), null, BrOnNonNull(0)]);
                reference(&mut out);
                out.extend([BrOnNonNull(0), Unreachable, End]);
            }
            // A null first, on which `br_on_null` branches.
            _ => {
                out.extend([Block(result), Block(BlockType::Empty), null, BrOnNull(0), Br(1), End]);
                reference(&mut out);
                out.extend([RefAsNonNull, End]);
            }
        }
        out.push(if tail { ReturnCallRef(ty) } else { CallRef(ty) });
        for i in &out {
            i.encode(code);
        }
        Ok(())
    }
}

/// The locals appended to one function: one per type, reused by every
/// rewritten call (each `local.get` follows its `local.set` in the same
/// block, so non-nullable ones are always initialized).
struct Locals {
    first: u32,
    added: Vec<ValType>,
}

impl Locals {
    fn get(&mut self, ty: ValType) -> u32 {
        let i = self.added.iter().position(|&t| t == ty).unwrap_or_else(|| {
            self.added.push(ty);
            self.added.len() - 1
        });
        self.first + i as u32
    }
}

impl Reencode for Rewriter<'_, '_> {
    type Error = arbitrary::Error;

    fn parse_element_section(
        &mut self,
        elements: &mut ElementSection,
        section: wasmparser::ElementSectionReader<'_>,
    ) -> Result<()> {
        reencode::utils::parse_element_section(self, elements, section)?;
        self.declare(elements);
        Ok(())
    }

    fn intersperse_section_hook(
        &mut self,
        module: &mut wasm_encoder::Module,
        _after: Option<SectionId>,
        before: Option<SectionId>,
    ) -> Result<()> {
        // A module without an element section gets one where it belongs.
        let past_elements = matches!(
            before,
            None | Some(SectionId::DataCount | SectionId::Code | SectionId::Data)
        );
        if !self.declared && past_elements {
            let mut elements = ElementSection::new();
            self.declare(&mut elements);
            if !elements.is_empty() {
                module.section(&elements);
            }
        }
        Ok(())
    }

    fn parse_function_body(&mut self, code: &mut CodeSection, func: wasmparser::FunctionBody<'_>) -> Result<()> {
        let ty = self.func_types[self.next_func];
        self.next_func += 1;
        let mut declared = Vec::new();
        let mut first = self.params[ty as usize];
        for pair in func.get_locals_reader()? {
            let (count, ty) = pair?;
            first += count;
            declared.push((count, self.val_type(ty)?));
        }
        let mut locals = Locals {
            first,
            added: Vec::new(),
        };
        // The code first, since it decides the locals.
        let mut body = Vec::new();
        let mut reader = func.get_operators_reader()?;
        while !reader.eof() {
            match reader.read()? {
                Operator::Call { function_index } => self.call(&mut body, &mut locals, function_index, false)?,
                Operator::ReturnCall { function_index } => self.call(&mut body, &mut locals, function_index, true)?,
                op => self.instruction(op)?.encode(&mut body),
            }
        }
        declared.extend(locals.added.iter().map(|&t| (1, t)));
        let mut f = wasm_encoder::Function::new(declared);
        f.raw(body);
        code.function(&f);
        Ok(())
    }
}
