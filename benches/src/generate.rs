//! A generator of large, valid modules for the translate and instantiate
//! benches: thousands of functions with varied bodies (integer, float and
//! memory operations, `if`, `loop`, `br_table`, direct and indirect calls,
//! globals, `select`), plus a memory with a data segment and a table holding
//! every function. The output is deterministic for a given seed.

use std::fmt::Write as _;

/// The shape of a generated module.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// Number of functions.
    pub functions: usize,
    /// Top-level statements per function body (each may nest more).
    pub statements: usize,
    /// Seed of the pseudo-random choices.
    pub seed: u64,
}

impl Shape {
    /// The module of the translate bench (about 2.7 MB of Wasm, 2,500 functions).
    pub const LARGE: Shape = Shape {
        functions: 2_500,
        statements: 24,
        seed: 0x5eed,
    };
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() >> 33) as usize % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const I32_BINOPS: &[&str] = &[
    "i32.add",
    "i32.sub",
    "i32.mul",
    "i32.and",
    "i32.or",
    "i32.xor",
    "i32.shl",
    "i32.shr_u",
    "i32.shr_s",
    "i32.rotl",
];
const I32_CMPS: &[&str] = &[
    "i32.eq", "i32.ne", "i32.lt_s", "i32.lt_u", "i32.gt_s", "i32.ge_u", "i32.le_s",
];
const I64_BINOPS: &[&str] = &[
    "i64.add", "i64.sub", "i64.mul", "i64.and", "i64.or", "i64.xor", "i64.rotr",
];
const F64_BINOPS: &[&str] = &["f64.add", "f64.sub", "f64.mul", "f64.min", "f64.max"];
const I32_LOCALS: &[&str] = &["0", "1", "$a", "$b"];

/// Generates the text of a module of `shape`. Every function has type
/// `(i32, i32) -> i32` and is exported as `f{index}`.
pub fn module_wat(shape: Shape) -> String {
    let mut rng = Rng(shape.seed | 1);
    let mut out = String::new();
    let n = shape.functions.max(1);
    out.push_str("(module\n  (type $t (func (param i32 i32) (result i32)))\n");
    out.push_str("  (memory (export \"memory\") 1)\n");
    let _ = writeln!(out, "  (table {n} funcref)");
    out.push_str("  (global $g0 (mut i32) (i32.const 7))\n  (global $g1 (mut i64) (i64.const 11))\n");
    out.push_str("  (data (i32.const 64) \"concord benchmark data segment \\00\\01\\02\\03\")\n");
    out.push_str("  (elem (i32.const 0)");
    for i in 0..n {
        let _ = write!(out, " $f{i}");
    }
    out.push_str(")\n");
    for i in 0..n {
        let _ = writeln!(
            out,
            "  (func $f{i} (export \"f{i}\") (type $t) (local $a i32) (local $b i32) (local $l i64) (local $f f64) (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)"
        );
        let mut body = Body {
            rng: &mut rng,
            out: &mut out,
            index: i,
            functions: n,
            depth: 0,
        };
        for _ in 0..shape.statements {
            body.statement();
        }
        out.push_str(
            "    (i32.add (i32.add (local.get $a) (local.get $b))\n      \
             (i32.xor (i32.wrap_i64 (local.get $l)) (i32.trunc_sat_f64_s (local.get $f)))))\n",
        );
    }
    out.push_str(")\n");
    out
}

/// The binary encoding of [`module_wat`].
///
/// # Panics
///
/// If the generated text does not parse (a bug in the generator).
pub fn module_wasm(shape: Shape) -> Vec<u8> {
    wat::parse_str(module_wat(shape)).expect("the generated module parses")
}

struct Body<'a> {
    rng: &'a mut Rng,
    out: &'a mut String,
    index: usize,
    functions: usize,
    depth: usize,
}

impl Body<'_> {
    fn indent(&mut self) {
        for _ in 0..self.depth + 2 {
            self.out.push_str("  ");
        }
    }

    fn i32_operand(&mut self) -> String {
        if self.rng.below(3) == 0 {
            format!("(i32.const {})", self.rng.next() as i32 >> self.rng.below(31))
        } else {
            format!("(local.get {})", self.rng.pick(I32_LOCALS))
        }
    }

    fn i32_expr(&mut self) -> String {
        let op = self.rng.pick(I32_BINOPS);
        let (a, b) = (self.i32_operand(), self.i32_operand());
        format!("({op} {a} {b})")
    }

    fn cond(&mut self) -> String {
        let op = self.rng.pick(I32_CMPS);
        let (a, b) = (self.i32_operand(), self.i32_operand());
        format!("({op} {a} {b})")
    }

    fn statement(&mut self) {
        let nested = self.depth < 3;
        let kind = self.rng.below(if nested { 14 } else { 10 });
        self.indent();
        match kind {
            0 | 1 => {
                let dst = self.rng.pick(&["$a", "$b", "0", "1"]);
                let e = self.i32_expr();
                let _ = writeln!(self.out, "(local.set {dst} {e})");
            }
            2 => {
                let op = self.rng.pick(I64_BINOPS);
                let src = self.rng.pick(I32_LOCALS);
                let k = self.rng.next() as i64;
                let _ = writeln!(
                    self.out,
                    "(local.set $l ({op} (local.get $l) (i64.mul (i64.extend_i32_u (local.get {src})) (i64.const {k}))))"
                );
            }
            3 => {
                let op = self.rng.pick(F64_BINOPS);
                let src = self.rng.pick(I32_LOCALS);
                let k = self.rng.below(1000) as f64 / 8.0;
                let _ = writeln!(
                    self.out,
                    "(local.set $f ({op} (local.get $f) (f64.mul (f64.convert_i32_s (local.get {src})) (f64.const {k:?}))))"
                );
            }
            4 => {
                let off = self.rng.below(1024) * 4;
                let addr = self.rng.pick(I32_LOCALS);
                let v = self.i32_expr();
                let _ = writeln!(
                    self.out,
                    "(i32.store offset={off} (i32.and (local.get {addr}) (i32.const 0x7ffc)) {v})"
                );
            }
            5 => {
                let off = self.rng.below(1024) * 8;
                let addr = format!("offset={off} (i32.and (local.get 0) (i32.const 0x7ff8))");
                let load = if self.rng.below(2) == 0 {
                    format!("(i32.load8_u {addr})")
                } else {
                    format!("(i32.wrap_i64 (i64.load {addr}))")
                };
                let dst = self.rng.pick(&["$a", "$b"]);
                let _ = writeln!(self.out, "(local.set {dst} (i32.add (local.get {dst}) {load}))");
            }
            6 if self.index > 0 => {
                let callee = self.rng.below(self.index);
                let (a, b) = (self.i32_operand(), self.i32_operand());
                let _ = writeln!(self.out, "(local.set $a (call $f{callee} {a} {b}))");
            }
            7 => {
                let (a, b) = (self.i32_operand(), self.i32_operand());
                let mask = (self.functions.next_power_of_two() / 2).max(1) - 1;
                let _ = writeln!(
                    self.out,
                    "(local.set $b (call_indirect (type $t) {a} {b} (i32.and (local.get $a) (i32.const {mask}))))"
                );
            }
            8 => {
                let (a, b, c) = (self.i32_expr(), self.i32_operand(), self.cond());
                let _ = writeln!(self.out, "(local.set $a (select {a} {b} {c}))");
            }
            9 => {
                let e = self.i32_expr();
                let _ = writeln!(
                    self.out,
                    "(global.set $g0 (i32.add (global.get $g0) {e})) (global.set $g1 (i64.add (global.get $g1) (local.get $l)))"
                );
            }
            10 | 11 => {
                let c = self.cond();
                let _ = writeln!(self.out, "(if {c} (then");
                self.block(2);
                self.indent();
                self.out.push_str(") (else\n");
                self.block(2);
                self.indent();
                self.out.push_str("))\n");
            }
            12 => {
                let trips = self.rng.below(8) + 1;
                let d = self.depth;
                let _ = writeln!(self.out, "(local.set $c{d} (i32.const {trips})) (loop $L{d}");
                self.block(3);
                self.indent();
                let _ = writeln!(
                    self.out,
                    "(local.set $c{d} (i32.sub (local.get $c{d}) (i32.const 1))) (br_if $L{d} (local.get $c{d})))"
                );
            }
            _ => {
                let sel = self.i32_operand();
                let d = self.depth;
                let _ = writeln!(self.out, "(block $B2_{d} (block $B1_{d} (block $B0_{d}");
                self.indent();
                let _ = writeln!(
                    self.out,
                    "(br_table $B0_{d} $B1_{d} $B2_{d} $B1_{d} (i32.and {sel} (i32.const 3))))"
                );
                self.block(1);
                self.indent();
                let _ = writeln!(self.out, "(br $B2_{d}))");
                self.block(1);
                self.indent();
                self.out.push_str(")\n");
            }
        }
    }

    fn block(&mut self, max: usize) {
        self.depth += 1;
        for _ in 0..=self.rng.below(max) {
            self.statement();
        }
        self.depth -= 1;
    }
}
