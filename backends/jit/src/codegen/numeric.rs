//! Integer and float arithmetic, comparisons and conversions.

use super::{Gen, Kind, Loc, Result, Val};
use crate::emit::gpr::*;
use concord_core::TrapCode;
use concord_core::wasmparser::Operator;
use dynasmrt::{DynasmApi, DynasmLabelApi, dynasm};

/// Integer binary operations with a register or immediate right operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Alu {
    Add,
    Sub,
    And,
    Or,
    Xor,
}

/// Shifts and rotations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shift {
    Shl,
    ShrS,
    ShrU,
    Rotl,
    Rotr,
}

/// Integer comparisons, as the condition of `setcc` / `jcc`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cond {
    Eq,
    Ne,
    LtS,
    LtU,
    GtS,
    GtU,
    LeS,
    LeU,
    GeS,
    GeU,
}

impl Cond {
    fn negate(self) -> Cond {
        match self {
            Cond::Eq => Cond::Ne,
            Cond::Ne => Cond::Eq,
            Cond::LtS => Cond::GeS,
            Cond::LtU => Cond::GeU,
            Cond::GtS => Cond::LeS,
            Cond::GtU => Cond::LeU,
            Cond::LeS => Cond::GtS,
            Cond::LeU => Cond::GtU,
            Cond::GeS => Cond::LtS,
            Cond::GeU => Cond::LtU,
        }
    }
}

/// Float binary operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FBin {
    Add,
    Sub,
    Mul,
    Div,
    Min,
    Max,
    Copysign,
}

/// Float comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FCmp {
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
}

/// Division and remainder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Div {
    DivS,
    DivU,
    RemS,
    RemU,
}

/// Float-to-integer truncation: target width, signedness, saturation.
#[derive(Clone, Copy, Debug)]
struct Trunc {
    wide: bool,
    signed: bool,
    sat: bool,
}

impl Gen<'_> {
    /// Translates `op` if it is numeric; `false` if it is not.
    pub(super) fn numeric(&mut self, op: &Operator<'_>) -> Result<bool> {
        use Operator as O;
        let (i32_, i64_) = (Kind::I32, Kind::I64);
        match *op {
            O::I32Add => self.alu(i32_, Alu::Add)?,
            O::I32Sub => self.alu(i32_, Alu::Sub)?,
            O::I32And => self.alu(i32_, Alu::And)?,
            O::I32Or => self.alu(i32_, Alu::Or)?,
            O::I32Xor => self.alu(i32_, Alu::Xor)?,
            O::I64Add => self.alu(i64_, Alu::Add)?,
            O::I64Sub => self.alu(i64_, Alu::Sub)?,
            O::I64And => self.alu(i64_, Alu::And)?,
            O::I64Or => self.alu(i64_, Alu::Or)?,
            O::I64Xor => self.alu(i64_, Alu::Xor)?,
            O::I32Mul => self.mul(i32_)?,
            O::I64Mul => self.mul(i64_)?,
            O::I32Shl => self.shift(i32_, Shift::Shl)?,
            O::I32ShrS => self.shift(i32_, Shift::ShrS)?,
            O::I32ShrU => self.shift(i32_, Shift::ShrU)?,
            O::I32Rotl => self.shift(i32_, Shift::Rotl)?,
            O::I32Rotr => self.shift(i32_, Shift::Rotr)?,
            O::I64Shl => self.shift(i64_, Shift::Shl)?,
            O::I64ShrS => self.shift(i64_, Shift::ShrS)?,
            O::I64ShrU => self.shift(i64_, Shift::ShrU)?,
            O::I64Rotl => self.shift(i64_, Shift::Rotl)?,
            O::I64Rotr => self.shift(i64_, Shift::Rotr)?,
            O::I32DivS => self.div(i32_, Div::DivS)?,
            O::I32DivU => self.div(i32_, Div::DivU)?,
            O::I32RemS => self.div(i32_, Div::RemS)?,
            O::I32RemU => self.div(i32_, Div::RemU)?,
            O::I64DivS => self.div(i64_, Div::DivS)?,
            O::I64DivU => self.div(i64_, Div::DivU)?,
            O::I64RemS => self.div(i64_, Div::RemS)?,
            O::I64RemU => self.div(i64_, Div::RemU)?,
            O::I32Eq => self.cmp(i32_, Cond::Eq)?,
            O::I32Ne => self.cmp(i32_, Cond::Ne)?,
            O::I32LtS => self.cmp(i32_, Cond::LtS)?,
            O::I32LtU => self.cmp(i32_, Cond::LtU)?,
            O::I32GtS => self.cmp(i32_, Cond::GtS)?,
            O::I32GtU => self.cmp(i32_, Cond::GtU)?,
            O::I32LeS => self.cmp(i32_, Cond::LeS)?,
            O::I32LeU => self.cmp(i32_, Cond::LeU)?,
            O::I32GeS => self.cmp(i32_, Cond::GeS)?,
            O::I32GeU => self.cmp(i32_, Cond::GeU)?,
            O::I64Eq => self.cmp(i64_, Cond::Eq)?,
            O::I64Ne => self.cmp(i64_, Cond::Ne)?,
            O::I64LtS => self.cmp(i64_, Cond::LtS)?,
            O::I64LtU => self.cmp(i64_, Cond::LtU)?,
            O::I64GtS => self.cmp(i64_, Cond::GtS)?,
            O::I64GtU => self.cmp(i64_, Cond::GtU)?,
            O::I64LeS => self.cmp(i64_, Cond::LeS)?,
            O::I64LeU => self.cmp(i64_, Cond::LeU)?,
            O::I64GeS => self.cmp(i64_, Cond::GeS)?,
            O::I64GeU => self.cmp(i64_, Cond::GeU)?,
            O::I32Eqz => self.eqz(i32_)?,
            O::I64Eqz => self.eqz(i64_)?,
            O::I32Clz | O::I32Ctz | O::I32Popcnt | O::I64Clz | O::I64Ctz | O::I64Popcnt => self.bitcount(op)?,
            O::I32WrapI64 => {
                let (r, _) = self.pop_gpr()?;
                dynasm!(self.a.ops ; .arch x64 ; mov Rd(r), Rd(r));
                self.push(i32_, Loc::Gpr(r));
            }
            O::I64ExtendI32U => {
                // An i32 in a register is already zero-extended.
                let (r, _) = self.pop_gpr()?;
                self.push(i64_, Loc::Gpr(r));
            }
            O::I64ExtendI32S | O::I64Extend32S => {
                let (r, _) = self.pop_gpr()?;
                dynasm!(self.a.ops ; .arch x64 ; movsxd Rq(r), Rd(r));
                self.push(i64_, Loc::Gpr(r));
            }
            O::I32Extend8S => {
                let (r, _) = self.pop_gpr()?;
                dynasm!(self.a.ops ; .arch x64 ; movsx Rd(r), Rb(r));
                self.push(i32_, Loc::Gpr(r));
            }
            O::I32Extend16S => {
                let (r, _) = self.pop_gpr()?;
                dynasm!(self.a.ops ; .arch x64 ; movsx Rd(r), Rw(r));
                self.push(i32_, Loc::Gpr(r));
            }
            O::I64Extend8S => {
                let (r, _) = self.pop_gpr()?;
                dynasm!(self.a.ops ; .arch x64 ; movsx Rq(r), Rb(r));
                self.push(i64_, Loc::Gpr(r));
            }
            O::I64Extend16S => {
                let (r, _) = self.pop_gpr()?;
                dynasm!(self.a.ops ; .arch x64 ; movsx Rq(r), Rw(r));
                self.push(i64_, Loc::Gpr(r));
            }

            O::F32Add => self.fbin(Kind::F32, FBin::Add)?,
            O::F32Sub => self.fbin(Kind::F32, FBin::Sub)?,
            O::F32Mul => self.fbin(Kind::F32, FBin::Mul)?,
            O::F32Div => self.fbin(Kind::F32, FBin::Div)?,
            O::F32Min => self.fbin(Kind::F32, FBin::Min)?,
            O::F32Max => self.fbin(Kind::F32, FBin::Max)?,
            O::F32Copysign => self.fbin(Kind::F32, FBin::Copysign)?,
            O::F64Add => self.fbin(Kind::F64, FBin::Add)?,
            O::F64Sub => self.fbin(Kind::F64, FBin::Sub)?,
            O::F64Mul => self.fbin(Kind::F64, FBin::Mul)?,
            O::F64Div => self.fbin(Kind::F64, FBin::Div)?,
            O::F64Min => self.fbin(Kind::F64, FBin::Min)?,
            O::F64Max => self.fbin(Kind::F64, FBin::Max)?,
            O::F64Copysign => self.fbin(Kind::F64, FBin::Copysign)?,
            O::F32Eq => self.fcmp(Kind::F32, FCmp::Eq)?,
            O::F32Ne => self.fcmp(Kind::F32, FCmp::Ne)?,
            O::F32Lt => self.fcmp(Kind::F32, FCmp::Lt)?,
            O::F32Gt => self.fcmp(Kind::F32, FCmp::Gt)?,
            O::F32Le => self.fcmp(Kind::F32, FCmp::Le)?,
            O::F32Ge => self.fcmp(Kind::F32, FCmp::Ge)?,
            O::F64Eq => self.fcmp(Kind::F64, FCmp::Eq)?,
            O::F64Ne => self.fcmp(Kind::F64, FCmp::Ne)?,
            O::F64Lt => self.fcmp(Kind::F64, FCmp::Lt)?,
            O::F64Gt => self.fcmp(Kind::F64, FCmp::Gt)?,
            O::F64Le => self.fcmp(Kind::F64, FCmp::Le)?,
            O::F64Ge => self.fcmp(Kind::F64, FCmp::Ge)?,
            O::F32Abs | O::F32Neg | O::F64Abs | O::F64Neg => self.fsign(op)?,
            O::F32Sqrt => {
                let x = self.pop_xmm()?;
                dynasm!(self.a.ops ; .arch x64 ; sqrtss Rx(x), Rx(x));
                self.push(Kind::F32, Loc::Xmm(x));
            }
            O::F64Sqrt => {
                let x = self.pop_xmm()?;
                dynasm!(self.a.ops ; .arch x64 ; sqrtsd Rx(x), Rx(x));
                self.push(Kind::F64, Loc::Xmm(x));
            }
            O::F32Nearest => self.round(Kind::F32, 8)?,
            O::F32Floor => self.round(Kind::F32, 9)?,
            O::F32Ceil => self.round(Kind::F32, 10)?,
            O::F32Trunc => self.round(Kind::F32, 11)?,
            O::F64Nearest => self.round(Kind::F64, 8)?,
            O::F64Floor => self.round(Kind::F64, 9)?,
            O::F64Ceil => self.round(Kind::F64, 10)?,
            O::F64Trunc => self.round(Kind::F64, 11)?,

            O::F32ConvertI32S => self.convert(Kind::F32, false, true)?,
            O::F32ConvertI32U => self.convert(Kind::F32, false, false)?,
            O::F32ConvertI64S => self.convert(Kind::F32, true, true)?,
            O::F32ConvertI64U => self.convert(Kind::F32, true, false)?,
            O::F64ConvertI32S => self.convert(Kind::F64, false, true)?,
            O::F64ConvertI32U => self.convert(Kind::F64, false, false)?,
            O::F64ConvertI64S => self.convert(Kind::F64, true, true)?,
            O::F64ConvertI64U => self.convert(Kind::F64, true, false)?,
            O::F32DemoteF64 => {
                let x = self.pop_xmm()?;
                dynasm!(self.a.ops ; .arch x64 ; cvtsd2ss Rx(x), Rx(x));
                self.push(Kind::F32, Loc::Xmm(x));
            }
            O::F64PromoteF32 => {
                let x = self.pop_xmm()?;
                dynasm!(self.a.ops ; .arch x64 ; cvtss2sd Rx(x), Rx(x));
                self.push(Kind::F64, Loc::Xmm(x));
            }
            O::I32ReinterpretF32 => {
                let (r, _) = self.pop_gpr()?;
                self.push(Kind::I32, Loc::Gpr(r));
            }
            O::I64ReinterpretF64 => {
                let (r, _) = self.pop_gpr()?;
                self.push(Kind::I64, Loc::Gpr(r));
            }
            O::F32ReinterpretI32 => self.reinterpret(Kind::F32)?,
            O::F64ReinterpretI64 => self.reinterpret(Kind::F64)?,

            O::I32TruncF32S => self.trunc(
                Kind::F32,
                Trunc {
                    wide: false,
                    signed: true,
                    sat: false,
                },
            )?,
            O::I32TruncF32U => self.trunc(
                Kind::F32,
                Trunc {
                    wide: false,
                    signed: false,
                    sat: false,
                },
            )?,
            O::I32TruncF64S => self.trunc(
                Kind::F64,
                Trunc {
                    wide: false,
                    signed: true,
                    sat: false,
                },
            )?,
            O::I32TruncF64U => self.trunc(
                Kind::F64,
                Trunc {
                    wide: false,
                    signed: false,
                    sat: false,
                },
            )?,
            O::I64TruncF32S => self.trunc(
                Kind::F32,
                Trunc {
                    wide: true,
                    signed: true,
                    sat: false,
                },
            )?,
            O::I64TruncF32U => self.trunc(
                Kind::F32,
                Trunc {
                    wide: true,
                    signed: false,
                    sat: false,
                },
            )?,
            O::I64TruncF64S => self.trunc(
                Kind::F64,
                Trunc {
                    wide: true,
                    signed: true,
                    sat: false,
                },
            )?,
            O::I64TruncF64U => self.trunc(
                Kind::F64,
                Trunc {
                    wide: true,
                    signed: false,
                    sat: false,
                },
            )?,
            O::I32TruncSatF32S => self.trunc(
                Kind::F32,
                Trunc {
                    wide: false,
                    signed: true,
                    sat: true,
                },
            )?,
            O::I32TruncSatF32U => self.trunc(
                Kind::F32,
                Trunc {
                    wide: false,
                    signed: false,
                    sat: true,
                },
            )?,
            O::I32TruncSatF64S => self.trunc(
                Kind::F64,
                Trunc {
                    wide: false,
                    signed: true,
                    sat: true,
                },
            )?,
            O::I32TruncSatF64U => self.trunc(
                Kind::F64,
                Trunc {
                    wide: false,
                    signed: false,
                    sat: true,
                },
            )?,
            O::I64TruncSatF32S => self.trunc(
                Kind::F32,
                Trunc {
                    wide: true,
                    signed: true,
                    sat: true,
                },
            )?,
            O::I64TruncSatF32U => self.trunc(
                Kind::F32,
                Trunc {
                    wide: true,
                    signed: false,
                    sat: true,
                },
            )?,
            O::I64TruncSatF64S => self.trunc(
                Kind::F64,
                Trunc {
                    wide: true,
                    signed: true,
                    sat: true,
                },
            )?,
            O::I64TruncSatF64U => self.trunc(
                Kind::F64,
                Trunc {
                    wide: true,
                    signed: false,
                    sat: true,
                },
            )?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Pops `(lhs, rhs)` for a binary op: `lhs` into a register the result
    /// reuses; `rhs` as an immediate when it fits in 32 bits, else a register.
    fn binary_operands(&mut self, kind: Kind) -> Result<(u8, Val, usize)> {
        let drhs = self.depth() - 1;
        let rhs = self.pop()?;
        let dlhs = self.depth() - 1;
        let lhs = self.pop()?;
        let l = self.gpr(lhs, dlhs);
        let rhs = match rhs.loc {
            Loc::Imm(i) if kind == Kind::I32 || i32::try_from(i).is_ok() => rhs,
            // A local: its register copy (borrowed: freeing it is a no-op),
            // else its slot as a memory operand (`Loc::Local`).
            Loc::Local(i) => match self.local_reg[i as usize] {
                Some(Loc::Gpr(c)) => Val { kind, loc: Loc::Gpr(c) },
                _ => rhs,
            },
            _ => Val {
                kind,
                loc: Loc::Gpr(self.gpr(rhs, drhs)),
            },
        };
        Ok((l, rhs, drhs))
    }

    fn alu(&mut self, kind: Kind, op: Alu) -> Result<()> {
        let (l, rhs, _) = self.binary_operands(kind)?;
        let wide = kind.is_wide();
        match (rhs.loc, wide) {
            (Loc::Imm(i), false) => {
                let i = i as i32;
                match op {
                    Alu::Add => dynasm!(self.a.ops ; .arch x64 ; add Rd(l), i),
                    Alu::Sub => dynasm!(self.a.ops ; .arch x64 ; sub Rd(l), i),
                    Alu::And => dynasm!(self.a.ops ; .arch x64 ; and Rd(l), i),
                    Alu::Or => dynasm!(self.a.ops ; .arch x64 ; or Rd(l), i),
                    Alu::Xor => dynasm!(self.a.ops ; .arch x64 ; xor Rd(l), i),
                }
            }
            (Loc::Imm(i), true) => {
                let i = i as i32;
                match op {
                    Alu::Add => dynasm!(self.a.ops ; .arch x64 ; add Rq(l), i),
                    Alu::Sub => dynasm!(self.a.ops ; .arch x64 ; sub Rq(l), i),
                    Alu::And => dynasm!(self.a.ops ; .arch x64 ; and Rq(l), i),
                    Alu::Or => dynasm!(self.a.ops ; .arch x64 ; or Rq(l), i),
                    Alu::Xor => dynasm!(self.a.ops ; .arch x64 ; xor Rq(l), i),
                }
            }
            (Loc::Gpr(r), false) => {
                match op {
                    Alu::Add => dynasm!(self.a.ops ; .arch x64 ; add Rd(l), Rd(r)),
                    Alu::Sub => dynasm!(self.a.ops ; .arch x64 ; sub Rd(l), Rd(r)),
                    Alu::And => dynasm!(self.a.ops ; .arch x64 ; and Rd(l), Rd(r)),
                    Alu::Or => dynasm!(self.a.ops ; .arch x64 ; or Rd(l), Rd(r)),
                    Alu::Xor => dynasm!(self.a.ops ; .arch x64 ; xor Rd(l), Rd(r)),
                }
                self.free_gpr(r);
            }
            (Loc::Gpr(r), true) => {
                match op {
                    Alu::Add => dynasm!(self.a.ops ; .arch x64 ; add Rq(l), Rq(r)),
                    Alu::Sub => dynasm!(self.a.ops ; .arch x64 ; sub Rq(l), Rq(r)),
                    Alu::And => dynasm!(self.a.ops ; .arch x64 ; and Rq(l), Rq(r)),
                    Alu::Or => dynasm!(self.a.ops ; .arch x64 ; or Rq(l), Rq(r)),
                    Alu::Xor => dynasm!(self.a.ops ; .arch x64 ; xor Rq(l), Rq(r)),
                }
                self.free_gpr(r);
            }
            (Loc::Local(x), false) => {
                let m = Self::local_off(x);
                match op {
                    Alu::Add => dynasm!(self.a.ops ; .arch x64 ; add Rd(l), [rbp + m]),
                    Alu::Sub => dynasm!(self.a.ops ; .arch x64 ; sub Rd(l), [rbp + m]),
                    Alu::And => dynasm!(self.a.ops ; .arch x64 ; and Rd(l), [rbp + m]),
                    Alu::Or => dynasm!(self.a.ops ; .arch x64 ; or Rd(l), [rbp + m]),
                    Alu::Xor => dynasm!(self.a.ops ; .arch x64 ; xor Rd(l), [rbp + m]),
                }
            }
            (Loc::Local(x), true) => {
                let m = Self::local_off(x);
                match op {
                    Alu::Add => dynasm!(self.a.ops ; .arch x64 ; add Rq(l), [rbp + m]),
                    Alu::Sub => dynasm!(self.a.ops ; .arch x64 ; sub Rq(l), [rbp + m]),
                    Alu::And => dynasm!(self.a.ops ; .arch x64 ; and Rq(l), [rbp + m]),
                    Alu::Or => dynasm!(self.a.ops ; .arch x64 ; or Rq(l), [rbp + m]),
                    Alu::Xor => dynasm!(self.a.ops ; .arch x64 ; xor Rq(l), [rbp + m]),
                }
            }
            _ => return Err(super::internal("binary operand")),
        }
        self.push(kind, Loc::Gpr(l));
        Ok(())
    }

    fn mul(&mut self, kind: Kind) -> Result<()> {
        let (l, rhs, _) = self.binary_operands(kind)?;
        match (rhs.loc, kind.is_wide()) {
            (Loc::Imm(i), false) => {
                let i = i as i32;
                dynasm!(self.a.ops ; .arch x64 ; imul Rd(l), Rd(l), i);
            }
            (Loc::Imm(i), true) => {
                let i = i as i32;
                dynasm!(self.a.ops ; .arch x64 ; imul Rq(l), Rq(l), i);
            }
            (Loc::Gpr(r), false) => {
                dynasm!(self.a.ops ; .arch x64 ; imul Rd(l), Rd(r));
                self.free_gpr(r);
            }
            (Loc::Gpr(r), true) => {
                dynasm!(self.a.ops ; .arch x64 ; imul Rq(l), Rq(r));
                self.free_gpr(r);
            }
            (Loc::Local(x), false) => {
                let m = Self::local_off(x);
                dynasm!(self.a.ops ; .arch x64 ; imul Rd(l), [rbp + m]);
            }
            (Loc::Local(x), true) => {
                let m = Self::local_off(x);
                dynasm!(self.a.ops ; .arch x64 ; imul Rq(l), [rbp + m]);
            }
            _ => return Err(super::internal("binary operand")),
        }
        self.push(kind, Loc::Gpr(l));
        Ok(())
    }

    fn shift(&mut self, kind: Kind, op: Shift) -> Result<()> {
        let wide = kind.is_wide();
        let drhs = self.depth() - 1;
        let rhs = self.pop()?;
        let dlhs = self.depth() - 1;
        let mut lhs = self.pop()?;
        if lhs.loc == Loc::Gpr(RCX) && !matches!(rhs.loc, Loc::Imm(_)) {
            // `rcx` takes the count.
            let n = self.alloc_gpr();
            dynasm!(self.a.ops ; .arch x64 ; mov Rq(n), rcx);
            self.free_gpr(RCX);
            lhs.loc = Loc::Gpr(n);
        }
        if let Loc::Imm(i) = rhs.loc {
            let l = self.gpr(lhs, dlhs);
            let n = (i & if wide { 63 } else { 31 }) as i8;
            match (op, wide) {
                (Shift::Shl, false) => dynasm!(self.a.ops ; .arch x64 ; shl Rd(l), n),
                (Shift::ShrS, false) => dynasm!(self.a.ops ; .arch x64 ; sar Rd(l), n),
                (Shift::ShrU, false) => dynasm!(self.a.ops ; .arch x64 ; shr Rd(l), n),
                (Shift::Rotl, false) => dynasm!(self.a.ops ; .arch x64 ; rol Rd(l), n),
                (Shift::Rotr, false) => dynasm!(self.a.ops ; .arch x64 ; ror Rd(l), n),
                (Shift::Shl, true) => dynasm!(self.a.ops ; .arch x64 ; shl Rq(l), n),
                (Shift::ShrS, true) => dynasm!(self.a.ops ; .arch x64 ; sar Rq(l), n),
                (Shift::ShrU, true) => dynasm!(self.a.ops ; .arch x64 ; shr Rq(l), n),
                (Shift::Rotl, true) => dynasm!(self.a.ops ; .arch x64 ; rol Rq(l), n),
                (Shift::Rotr, true) => dynasm!(self.a.ops ; .arch x64 ; ror Rq(l), n),
            }
            self.push(kind, Loc::Gpr(l));
            return Ok(());
        }
        // The count goes in `cl`: free `rcx` of stack values, then make
        // sure the shifted value is not in it.
        self.evict_gpr(RCX);
        let r = self.gpr(rhs, drhs);
        if r != RCX {
            dynasm!(self.a.ops ; .arch x64 ; mov ecx, Rd(r));
            self.free_gpr(r);
            self.take_gpr(RCX);
        }
        let l = self.gpr(lhs, dlhs);
        match (op, wide) {
            (Shift::Shl, false) => dynasm!(self.a.ops ; .arch x64 ; shl Rd(l), cl),
            (Shift::ShrS, false) => dynasm!(self.a.ops ; .arch x64 ; sar Rd(l), cl),
            (Shift::ShrU, false) => dynasm!(self.a.ops ; .arch x64 ; shr Rd(l), cl),
            (Shift::Rotl, false) => dynasm!(self.a.ops ; .arch x64 ; rol Rd(l), cl),
            (Shift::Rotr, false) => dynasm!(self.a.ops ; .arch x64 ; ror Rd(l), cl),
            (Shift::Shl, true) => dynasm!(self.a.ops ; .arch x64 ; shl Rq(l), cl),
            (Shift::ShrS, true) => dynasm!(self.a.ops ; .arch x64 ; sar Rq(l), cl),
            (Shift::ShrU, true) => dynasm!(self.a.ops ; .arch x64 ; shr Rq(l), cl),
            (Shift::Rotl, true) => dynasm!(self.a.ops ; .arch x64 ; rol Rq(l), cl),
            (Shift::Rotr, true) => dynasm!(self.a.ops ; .arch x64 ; ror Rq(l), cl),
        }
        self.free_gpr(RCX);
        self.push(kind, Loc::Gpr(l));
        Ok(())
    }

    fn div(&mut self, kind: Kind, op: Div) -> Result<()> {
        let wide = kind.is_wide();
        let drhs = self.depth() - 1;
        let rhs = self.pop()?;
        let dlhs = self.depth() - 1;
        let lhs = self.pop()?;
        // The divisor in r11, the dividend in rax, rdx free.
        let r = self.gpr(rhs, drhs);
        dynasm!(self.a.ops ; .arch x64 ; mov r11, Rq(r));
        self.free_gpr(r);
        let l = self.gpr(lhs, dlhs);
        if l != RAX {
            self.evict_gpr(RAX);
            dynasm!(self.a.ops ; .arch x64 ; mov rax, Rq(l));
            self.free_gpr(l);
            self.take_gpr(RAX);
        }
        self.evict_gpr(RDX);
        let zero = self.trap_label(TrapCode::IntegerDivisionByZero);
        let overflow = self.trap_label(TrapCode::IntegerOverflow);
        let done = self.a.ops.new_dynamic_label();
        let normal = self.a.ops.new_dynamic_label();
        if wide {
            dynasm!(self.a.ops ; .arch x64 ; test r11, r11 ; jz =>zero);
        } else {
            dynasm!(self.a.ops ; .arch x64 ; test r11d, r11d ; jz =>zero);
        }
        match (op, wide) {
            (Div::DivS, false) => dynasm!(self.a.ops
                ; .arch x64
                ; cmp r11d, -1
                ; jne =>normal
                ; cmp eax, i32::MIN
                ; je =>overflow
                ; =>normal
                ; cdq
                ; idiv r11d
            ),
            (Div::DivS, true) => dynasm!(self.a.ops
                ; .arch x64
                ; cmp r11, -1
                ; jne =>normal
                ; mov rdx, QWORD i64::MIN
                ; cmp rax, rdx
                ; je =>overflow
                ; =>normal
                ; cqo
                ; idiv r11
            ),
            (Div::RemS, false) => dynasm!(self.a.ops
                ; .arch x64
                ; xor edx, edx
                ; cmp r11d, -1
                ; je =>done
                ; =>normal
                ; cdq
                ; idiv r11d
            ),
            (Div::RemS, true) => dynasm!(self.a.ops
                ; .arch x64
                ; xor edx, edx
                ; cmp r11, -1
                ; je =>done
                ; =>normal
                ; cqo
                ; idiv r11
            ),
            (Div::DivU | Div::RemU, false) => dynasm!(self.a.ops
                ; .arch x64
                ; =>normal
                ; xor edx, edx
                ; div r11d
            ),
            (Div::DivU | Div::RemU, true) => dynasm!(self.a.ops
                ; .arch x64
                ; =>normal
                ; xor edx, edx
                ; div r11
            ),
        }
        dynasm!(self.a.ops ; .arch x64 ; =>done);
        if matches!(op, Div::DivS | Div::DivU) {
            self.push(kind, Loc::Gpr(RAX));
        } else {
            self.free_gpr(RAX);
            self.take_gpr(RDX);
            self.push(kind, Loc::Gpr(RDX));
        }
        Ok(())
    }

    /// `setcc` into the low byte of `r`, then zero-extends it.
    fn setcc(&mut self, r: u8, c: Cond) {
        match c {
            Cond::Eq => dynasm!(self.a.ops ; .arch x64 ; sete Rb(r)),
            Cond::Ne => dynasm!(self.a.ops ; .arch x64 ; setne Rb(r)),
            Cond::LtS => dynasm!(self.a.ops ; .arch x64 ; setl Rb(r)),
            Cond::LtU => dynasm!(self.a.ops ; .arch x64 ; setb Rb(r)),
            Cond::GtS => dynasm!(self.a.ops ; .arch x64 ; setg Rb(r)),
            Cond::GtU => dynasm!(self.a.ops ; .arch x64 ; seta Rb(r)),
            Cond::LeS => dynasm!(self.a.ops ; .arch x64 ; setle Rb(r)),
            Cond::LeU => dynasm!(self.a.ops ; .arch x64 ; setbe Rb(r)),
            Cond::GeS => dynasm!(self.a.ops ; .arch x64 ; setge Rb(r)),
            Cond::GeU => dynasm!(self.a.ops ; .arch x64 ; setae Rb(r)),
        }
        dynasm!(self.a.ops ; .arch x64 ; movzx Rd(r), Rb(r));
    }

    fn cmp(&mut self, kind: Kind, c: Cond) -> Result<()> {
        let (l, rhs, _) = self.binary_operands(kind)?;
        match (rhs.loc, kind.is_wide()) {
            (Loc::Imm(i), false) => {
                let i = i as i32;
                dynasm!(self.a.ops ; .arch x64 ; cmp Rd(l), i);
            }
            (Loc::Imm(i), true) => {
                let i = i as i32;
                dynasm!(self.a.ops ; .arch x64 ; cmp Rq(l), i);
            }
            (Loc::Gpr(r), false) => {
                dynasm!(self.a.ops ; .arch x64 ; cmp Rd(l), Rd(r));
                self.free_gpr(r);
            }
            (Loc::Gpr(r), true) => {
                dynasm!(self.a.ops ; .arch x64 ; cmp Rq(l), Rq(r));
                self.free_gpr(r);
            }
            (Loc::Local(x), false) => {
                let m = Self::local_off(x);
                dynasm!(self.a.ops ; .arch x64 ; cmp Rd(l), [rbp + m]);
            }
            (Loc::Local(x), true) => {
                let m = Self::local_off(x);
                dynasm!(self.a.ops ; .arch x64 ; cmp Rq(l), [rbp + m]);
            }
            _ => return Err(super::internal("binary operand")),
        }
        self.push(Kind::I32, Loc::Gpr(l));
        self.pending = Some(c);
        Ok(())
    }

    fn eqz(&mut self, kind: Kind) -> Result<()> {
        let (r, _) = self.pop_gpr()?;
        if kind.is_wide() {
            dynasm!(self.a.ops ; .arch x64 ; test Rq(r), Rq(r));
        } else {
            dynasm!(self.a.ops ; .arch x64 ; test Rd(r), Rd(r));
        }
        self.push(Kind::I32, Loc::Gpr(r));
        self.pending = Some(Cond::Eq);
        Ok(())
    }

    /// Writes the pending comparison's result into its register (the top
    /// of the stack): the flags are about to be clobbered.
    pub(super) fn materialize(&mut self) {
        if let Some(c) = self.pending.take()
            && let Some(&Val { loc: Loc::Gpr(r), .. }) = self.stack.last()
        {
            self.setcc(r, c);
        }
    }

    /// Jumps to `label` when `c` holds (or, `negate`, when it does not).
    pub(super) fn jcc(&mut self, c: Cond, negate: bool, label: dynasmrt::DynamicLabel) {
        let c = if negate { c.negate() } else { c };
        match c {
            Cond::Eq => dynasm!(self.a.ops ; .arch x64 ; je =>label),
            Cond::Ne => dynasm!(self.a.ops ; .arch x64 ; jne =>label),
            Cond::LtS => dynasm!(self.a.ops ; .arch x64 ; jl =>label),
            Cond::LtU => dynasm!(self.a.ops ; .arch x64 ; jb =>label),
            Cond::GtS => dynasm!(self.a.ops ; .arch x64 ; jg =>label),
            Cond::GtU => dynasm!(self.a.ops ; .arch x64 ; ja =>label),
            Cond::LeS => dynasm!(self.a.ops ; .arch x64 ; jle =>label),
            Cond::LeU => dynasm!(self.a.ops ; .arch x64 ; jbe =>label),
            Cond::GeS => dynasm!(self.a.ops ; .arch x64 ; jge =>label),
            Cond::GeU => dynasm!(self.a.ops ; .arch x64 ; jae =>label),
        }
    }

    fn bitcount(&mut self, op: &Operator<'_>) -> Result<()> {
        use Operator as O;
        let (r, _) = self.pop_gpr()?;
        let kind = match op {
            O::I32Clz => {
                dynasm!(self.a.ops ; .arch x64 ; lzcnt Rd(r), Rd(r));
                Kind::I32
            }
            O::I32Ctz => {
                dynasm!(self.a.ops ; .arch x64 ; tzcnt Rd(r), Rd(r));
                Kind::I32
            }
            O::I32Popcnt => {
                dynasm!(self.a.ops ; .arch x64 ; popcnt Rd(r), Rd(r));
                Kind::I32
            }
            O::I64Clz => {
                dynasm!(self.a.ops ; .arch x64 ; lzcnt Rq(r), Rq(r));
                Kind::I64
            }
            O::I64Ctz => {
                dynasm!(self.a.ops ; .arch x64 ; tzcnt Rq(r), Rq(r));
                Kind::I64
            }
            _ => {
                dynasm!(self.a.ops ; .arch x64 ; popcnt Rq(r), Rq(r));
                Kind::I64
            }
        };
        self.push(kind, Loc::Gpr(r));
        Ok(())
    }

    // ---- floats ----------------------------------------------------------------

    fn fbin(&mut self, kind: Kind, op: FBin) -> Result<()> {
        // A local right operand without a register copy: a memory operand.
        if let (Some(&Val { loc: Loc::Local(i), .. }), FBin::Add | FBin::Sub | FBin::Mul | FBin::Div) =
            (self.stack.last(), op)
            && !matches!(self.local_reg[i as usize], Some(Loc::Xmm(_)))
        {
            self.pop()?;
            let a = self.pop_xmm()?;
            let m = Self::local_off(i);
            match (op, kind == Kind::F32) {
                (FBin::Add, true) => dynasm!(self.a.ops ; .arch x64 ; addss Rx(a), DWORD [rbp + m]),
                (FBin::Sub, true) => dynasm!(self.a.ops ; .arch x64 ; subss Rx(a), DWORD [rbp + m]),
                (FBin::Mul, true) => dynasm!(self.a.ops ; .arch x64 ; mulss Rx(a), DWORD [rbp + m]),
                (FBin::Div, true) => dynasm!(self.a.ops ; .arch x64 ; divss Rx(a), DWORD [rbp + m]),
                (FBin::Add, false) => dynasm!(self.a.ops ; .arch x64 ; addsd Rx(a), QWORD [rbp + m]),
                (FBin::Sub, false) => dynasm!(self.a.ops ; .arch x64 ; subsd Rx(a), QWORD [rbp + m]),
                (FBin::Mul, false) => dynasm!(self.a.ops ; .arch x64 ; mulsd Rx(a), QWORD [rbp + m]),
                _ => dynasm!(self.a.ops ; .arch x64 ; divsd Rx(a), QWORD [rbp + m]),
            }
            self.push(kind, Loc::Xmm(a));
            return Ok(());
        }
        let b = self.pop_xmm()?;
        let a = self.pop_xmm()?;
        let f32_ = kind == Kind::F32;
        match (op, f32_) {
            (FBin::Add, true) => dynasm!(self.a.ops ; .arch x64 ; addss Rx(a), Rx(b)),
            (FBin::Sub, true) => dynasm!(self.a.ops ; .arch x64 ; subss Rx(a), Rx(b)),
            (FBin::Mul, true) => dynasm!(self.a.ops ; .arch x64 ; mulss Rx(a), Rx(b)),
            (FBin::Div, true) => dynasm!(self.a.ops ; .arch x64 ; divss Rx(a), Rx(b)),
            (FBin::Add, false) => dynasm!(self.a.ops ; .arch x64 ; addsd Rx(a), Rx(b)),
            (FBin::Sub, false) => dynasm!(self.a.ops ; .arch x64 ; subsd Rx(a), Rx(b)),
            (FBin::Mul, false) => dynasm!(self.a.ops ; .arch x64 ; mulsd Rx(a), Rx(b)),
            (FBin::Div, false) => dynasm!(self.a.ops ; .arch x64 ; divsd Rx(a), Rx(b)),
            (FBin::Min | FBin::Max, _) => {
                // NaN if either is NaN; -0 < +0; otherwise the SSE result.
                let (nan, equal, done) = (
                    self.a.ops.new_dynamic_label(),
                    self.a.ops.new_dynamic_label(),
                    self.a.ops.new_dynamic_label(),
                );
                if f32_ {
                    dynasm!(self.a.ops ; .arch x64 ; ucomiss Rx(a), Rx(b) ; jp =>nan ; je =>equal);
                    if op == FBin::Min {
                        dynasm!(self.a.ops ; .arch x64 ; minss Rx(a), Rx(b) ; jmp =>done ; =>equal ; orps Rx(a), Rx(b));
                    } else {
                        dynasm!(self.a.ops ; .arch x64 ; maxss Rx(a), Rx(b) ; jmp =>done ; =>equal ; andps Rx(a), Rx(b));
                    }
                    dynasm!(self.a.ops ; .arch x64 ; jmp =>done ; =>nan ; addss Rx(a), Rx(b) ; =>done);
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; ucomisd Rx(a), Rx(b) ; jp =>nan ; je =>equal);
                    if op == FBin::Min {
                        dynasm!(self.a.ops ; .arch x64 ; minsd Rx(a), Rx(b) ; jmp =>done ; =>equal ; orpd Rx(a), Rx(b));
                    } else {
                        dynasm!(self.a.ops ; .arch x64 ; maxsd Rx(a), Rx(b) ; jmp =>done ; =>equal ; andpd Rx(a), Rx(b));
                    }
                    dynasm!(self.a.ops ; .arch x64 ; jmp =>done ; =>nan ; addsd Rx(a), Rx(b) ; =>done);
                }
            }
            (FBin::Copysign, true) => {
                let t = self.alloc_gpr();
                dynasm!(self.a.ops
                    ; .arch x64
                    ; movd Rd(t), Rx(a)
                    ; movd r11d, Rx(b)
                    ; and Rd(t), 0x7fff_ffff
                    ; and r11d, i32::MIN
                    ; or Rd(t), r11d
                    ; movd Rx(a), Rd(t)
                );
                self.free_gpr(t);
            }
            (FBin::Copysign, false) => {
                let t = self.alloc_gpr();
                let u = self.alloc_gpr();
                dynasm!(self.a.ops
                    ; .arch x64
                    ; movq Rq(t), Rx(a)
                    ; movq Rq(u), Rx(b)
                    ; btr Rq(t), 63
                    ; mov r11, QWORD i64::MIN
                    ; and Rq(u), r11
                    ; or Rq(t), Rq(u)
                    ; movq Rx(a), Rq(t)
                );
                self.free_gpr(t);
                self.free_gpr(u);
            }
        }
        self.free_xmm(b);
        self.push(kind, Loc::Xmm(a));
        Ok(())
    }

    fn fcmp(&mut self, kind: Kind, c: FCmp) -> Result<()> {
        let b = self.pop_xmm()?;
        let a = self.pop_xmm()?;
        let r = self.alloc_gpr();
        // `a < b` is `b > a` (and `<=` is `>=` swapped), so that an
        // unordered comparison (CF = 1) gives false with `seta`/`setae`.
        let (x, y) = match c {
            FCmp::Lt | FCmp::Le => (b, a),
            _ => (a, b),
        };
        if kind == Kind::F32 {
            dynasm!(self.a.ops ; .arch x64 ; ucomiss Rx(x), Rx(y));
        } else {
            dynasm!(self.a.ops ; .arch x64 ; ucomisd Rx(x), Rx(y));
        }
        match c {
            FCmp::Eq => dynasm!(self.a.ops ; .arch x64 ; sete Rb(r) ; setnp r11b ; and Rb(r), r11b),
            FCmp::Ne => dynasm!(self.a.ops ; .arch x64 ; setne Rb(r) ; setp r11b ; or Rb(r), r11b),
            FCmp::Lt | FCmp::Gt => dynasm!(self.a.ops ; .arch x64 ; seta Rb(r)),
            FCmp::Le | FCmp::Ge => dynasm!(self.a.ops ; .arch x64 ; setae Rb(r)),
        }
        dynasm!(self.a.ops ; .arch x64 ; movzx Rd(r), Rb(r));
        self.free_xmm(a);
        self.free_xmm(b);
        self.push(Kind::I32, Loc::Gpr(r));
        Ok(())
    }

    fn fsign(&mut self, op: &Operator<'_>) -> Result<()> {
        use Operator as O;
        let (r, kind) = self.pop_gpr()?;
        match op {
            O::F32Abs => dynasm!(self.a.ops ; .arch x64 ; and Rd(r), 0x7fff_ffff),
            O::F32Neg => dynasm!(self.a.ops ; .arch x64 ; xor Rd(r), i32::MIN),
            O::F64Abs => dynasm!(self.a.ops ; .arch x64 ; btr Rq(r), 63),
            _ => dynasm!(self.a.ops ; .arch x64 ; btc Rq(r), 63),
        }
        let x = self.alloc_xmm();
        if kind == Kind::F32 {
            dynasm!(self.a.ops ; .arch x64 ; movd Rx(x), Rd(r));
        } else {
            dynasm!(self.a.ops ; .arch x64 ; movq Rx(x), Rq(r));
        }
        self.free_gpr(r);
        self.push(kind, Loc::Xmm(x));
        Ok(())
    }

    fn round(&mut self, kind: Kind, mode: i8) -> Result<()> {
        let x = self.pop_xmm()?;
        if kind == Kind::F32 {
            dynasm!(self.a.ops ; .arch x64 ; roundss Rx(x), Rx(x), mode);
        } else {
            dynasm!(self.a.ops ; .arch x64 ; roundsd Rx(x), Rx(x), mode);
        }
        self.push(kind, Loc::Xmm(x));
        Ok(())
    }

    fn reinterpret(&mut self, kind: Kind) -> Result<()> {
        let d = self.depth() - 1;
        let v = self.pop()?;
        let v = Val { kind, ..v };
        let x = self.xmm(v, d);
        self.push(kind, Loc::Xmm(x));
        Ok(())
    }

    /// Integer to float conversion; `wide`: from i64; `signed`.
    fn convert(&mut self, kind: Kind, wide: bool, signed: bool) -> Result<()> {
        let (r, _) = self.pop_gpr()?;
        let x = self.alloc_xmm();
        let f32_ = kind == Kind::F32;
        dynasm!(self.a.ops ; .arch x64 ; xorps Rx(x), Rx(x));
        match (wide, signed, f32_) {
            (false, true, true) => dynasm!(self.a.ops ; .arch x64 ; cvtsi2ss Rx(x), Rd(r)),
            (false, true, false) => dynasm!(self.a.ops ; .arch x64 ; cvtsi2sd Rx(x), Rd(r)),
            // A zero-extended u32 is a non-negative i64.
            (false, false, true) | (true, true, true) => dynasm!(self.a.ops ; .arch x64 ; cvtsi2ss Rx(x), Rq(r)),
            (false, false, false) | (true, true, false) => dynasm!(self.a.ops ; .arch x64 ; cvtsi2sd Rx(x), Rq(r)),
            (true, false, _) => {
                // u64: below 2^63 as signed; above, halve (keeping the low
                // bit for rounding), convert and double.
                let (big, done) = (self.a.ops.new_dynamic_label(), self.a.ops.new_dynamic_label());
                dynasm!(self.a.ops ; .arch x64 ; test Rq(r), Rq(r) ; js =>big);
                if f32_ {
                    dynasm!(self.a.ops ; .arch x64 ; cvtsi2ss Rx(x), Rq(r) ; jmp =>done);
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; cvtsi2sd Rx(x), Rq(r) ; jmp =>done);
                }
                dynasm!(self.a.ops
                    ; .arch x64
                    ; =>big
                    ; mov r11, Rq(r)
                    ; shr r11, 1
                    ; and Rd(r), 1
                    ; or r11, Rq(r)
                );
                if f32_ {
                    dynasm!(self.a.ops ; .arch x64 ; cvtsi2ss Rx(x), r11 ; addss Rx(x), Rx(x));
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; cvtsi2sd Rx(x), r11 ; addsd Rx(x), Rx(x));
                }
                dynasm!(self.a.ops ; .arch x64 ; =>done);
            }
        }
        self.free_gpr(r);
        self.push(kind, Loc::Xmm(x));
        Ok(())
    }

    /// Loads float constant `bits` of `kind` into `xmm15`.
    fn fconst15(&mut self, kind: Kind, value: f64) {
        if kind == Kind::F32 {
            let bits = (value as f32).to_bits() as i32;
            dynasm!(self.a.ops ; .arch x64 ; mov r11d, bits ; movd xmm15, r11d);
        } else {
            let bits = value.to_bits() as i64;
            dynasm!(self.a.ops ; .arch x64 ; mov r11, QWORD bits ; movq xmm15, r11);
        }
    }

    fn ucomi15(&mut self, kind: Kind, x: u8) {
        if kind == Kind::F32 {
            dynasm!(self.a.ops ; .arch x64 ; ucomiss Rx(x), xmm15);
        } else {
            dynasm!(self.a.ops ; .arch x64 ; ucomisd Rx(x), xmm15);
        }
    }

    /// Float (`from`) to integer truncation.
    fn trunc(&mut self, from: Kind, t: Trunc) -> Result<()> {
        let x = self.pop_xmm()?;
        let r = self.alloc_gpr();
        let f32_ = from == Kind::F32;
        let done = self.a.ops.new_dynamic_label();
        let bad = self.trap_label(TrapCode::BadConversionToInteger);
        let overflow = self.trap_label(TrapCode::IntegerOverflow);
        // The valid range: above `lo` (inclusive or not) and below `hi`.
        let bits = if t.wide { 64 } else { 32 };
        let hi = if t.signed { 2f64.powi(bits - 1) } else { 2f64.powi(bits) };
        let (lo, lo_inclusive) = if !t.signed {
            (-1.0, false)
        } else if t.wide || f32_ {
            // -2^(n-1) is exact and the next value below truncates out of
            // range.
            (-(2f64.powi(bits - 1)), true)
        } else {
            // f64 -> i32: values in (-2^31 - 1, -2^31] truncate to -2^31.
            (-(2f64.powi(31)) - 1.0, false)
        };
        let (min, max): (i64, i64) = match (t.wide, t.signed) {
            (false, true) => (i64::from(i32::MIN), i64::from(i32::MAX)),
            (false, false) => (0, i64::from(u32::MAX)),
            (true, true) => (i64::MIN, i64::MAX),
            (true, false) => (0, -1),
        };
        let (nan_l, low_l, high_l) = if t.sat {
            (
                self.a.ops.new_dynamic_label(),
                self.a.ops.new_dynamic_label(),
                self.a.ops.new_dynamic_label(),
            )
        } else {
            (bad, overflow, overflow)
        };
        // NaN.
        if f32_ {
            dynasm!(self.a.ops ; .arch x64 ; ucomiss Rx(x), Rx(x) ; jp =>nan_l);
        } else {
            dynasm!(self.a.ops ; .arch x64 ; ucomisd Rx(x), Rx(x) ; jp =>nan_l);
        }
        self.fconst15(from, lo);
        self.ucomi15(from, x);
        if lo_inclusive {
            dynasm!(self.a.ops ; .arch x64 ; jb =>low_l);
        } else {
            dynasm!(self.a.ops ; .arch x64 ; jbe =>low_l);
        }
        self.fconst15(from, hi);
        self.ucomi15(from, x);
        dynasm!(self.a.ops ; .arch x64 ; jae =>high_l);
        // In range.
        match (t.wide, t.signed, f32_) {
            (false, true, true) => dynasm!(self.a.ops ; .arch x64 ; cvttss2si Rd(r), Rx(x)),
            (false, true, false) => dynasm!(self.a.ops ; .arch x64 ; cvttsd2si Rd(r), Rx(x)),
            (false, false, true) | (true, true, true) => dynasm!(self.a.ops ; .arch x64 ; cvttss2si Rq(r), Rx(x)),
            (false, false, false) | (true, true, false) => dynasm!(self.a.ops ; .arch x64 ; cvttsd2si Rq(r), Rx(x)),
            (true, false, _) => {
                // Below 2^63 directly; above, subtract 2^63 and set bit 63.
                let big = self.a.ops.new_dynamic_label();
                self.fconst15(from, 2f64.powi(63));
                self.ucomi15(from, x);
                dynasm!(self.a.ops ; .arch x64 ; jae =>big);
                if f32_ {
                    dynasm!(self.a.ops ; .arch x64 ; cvttss2si Rq(r), Rx(x) ; jmp =>done ; =>big ; subss Rx(x), xmm15 ; cvttss2si Rq(r), Rx(x));
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; cvttsd2si Rq(r), Rx(x) ; jmp =>done ; =>big ; subsd Rx(x), xmm15 ; cvttsd2si Rq(r), Rx(x));
                }
                dynasm!(self.a.ops ; .arch x64 ; btc Rq(r), 63);
            }
        }
        if !t.wide && !t.signed {
            dynasm!(self.a.ops ; .arch x64 ; mov Rd(r), Rd(r));
        }
        if t.sat {
            dynasm!(self.a.ops ; .arch x64 ; jmp =>done ; =>nan_l ; xor Rd(r), Rd(r) ; jmp =>done ; =>low_l);
            self.mov_imm(r, if t.wide { Kind::I64 } else { Kind::I32 }, min);
            dynasm!(self.a.ops ; .arch x64 ; jmp =>done ; =>high_l);
            if t.wide {
                self.mov_imm(r, Kind::I64, max);
            } else {
                self.mov_imm(r, Kind::I32, max);
            }
        }
        dynasm!(self.a.ops ; .arch x64 ; =>done);
        self.free_xmm(x);
        self.push(if t.wide { Kind::I64 } else { Kind::I32 }, Loc::Gpr(r));
        Ok(())
    }
}
