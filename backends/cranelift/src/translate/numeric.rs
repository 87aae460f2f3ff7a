//! Numeric operators: direct CLIF equivalents.

use super::{Result, Translator};
use crate::abi;
use concord_core::TrapCode;
use concord_core::wasmparser::Operator;
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{self, InstBuilder, MemFlagsData, Value, types};
use cranelift_frontend::FunctionBuilder;

impl Translator<'_> {
    fn unary(
        &mut self,
        b: &mut FunctionBuilder<'_>,
        f: impl FnOnce(&mut FunctionBuilder<'_>, Value) -> Value,
    ) -> Result<()> {
        let a = self.pop()?;
        let v = f(b, a);
        self.push(v);
        Ok(())
    }

    fn binary(
        &mut self,
        b: &mut FunctionBuilder<'_>,
        f: impl FnOnce(&mut FunctionBuilder<'_>, Value, Value) -> Value,
    ) -> Result<()> {
        let (x, y) = self.pop2()?;
        let v = f(b, x, y);
        self.push(v);
        Ok(())
    }

    fn icmp(&mut self, b: &mut FunctionBuilder<'_>, cc: IntCC) -> Result<()> {
        self.binary(b, |b, x, y| {
            let c = b.ins().icmp(cc, x, y);
            b.ins().uextend(types::I32, c)
        })
    }

    fn fcmp(&mut self, b: &mut FunctionBuilder<'_>, cc: FloatCC) -> Result<()> {
        self.binary(b, |b, x, y| {
            let c = b.ins().fcmp(cc, x, y);
            b.ins().uextend(types::I32, c)
        })
    }

    fn eqz(&mut self, b: &mut FunctionBuilder<'_>) -> Result<()> {
        self.unary(b, |b, x| {
            let c = b.ins().icmp_imm_u(IntCC::Equal, x, 0);
            b.ins().uextend(types::I32, c)
        })
    }

    /// Signed division: traps on `MIN / -1` explicitly (division by zero is
    /// checked by `sdiv` itself).
    fn sdiv(&mut self, b: &mut FunctionBuilder<'_>, ty: ir::Type) -> Result<()> {
        self.binary(b, |b, x, y| {
            let min = if ty == types::I32 {
                i64::from(i32::MIN)
            } else {
                i64::MIN
            };
            let is_min = b.ins().icmp_imm_s(IntCC::Equal, x, min);
            let is_m1 = b.ins().icmp_imm_s(IntCC::Equal, y, -1);
            let both = b.ins().band(is_min, is_m1);
            b.ins().trapnz(both, abi::trap_code(TrapCode::IntegerOverflow));
            b.ins().sdiv(x, y)
        })
    }

    fn convert(
        &mut self,
        b: &mut FunctionBuilder<'_>,
        f: impl FnOnce(&mut FunctionBuilder<'_>, Value) -> Value,
    ) -> Result<()> {
        self.unary(b, f)
    }

    /// Sign-extends the low `from` bits of an integer of type `ty`.
    fn extend_s(&mut self, b: &mut FunctionBuilder<'_>, ty: ir::Type, from: ir::Type) -> Result<()> {
        self.unary(b, |b, x| {
            let low = b.ins().ireduce(from, x);
            b.ins().sextend(ty, low)
        })
    }

    /// Numeric operators; `false` for any other.
    pub(super) fn numeric_op(&mut self, b: &mut FunctionBuilder<'_>, op: &Operator<'_>) -> Result<bool> {
        use Operator as O;
        use types::{F32, F64, I8, I16, I32, I64};
        let bitcast = |b: &mut FunctionBuilder<'_>, ty: ir::Type, x: Value| b.ins().bitcast(ty, MemFlagsData::new(), x);
        match op {
            // Comparisons.
            O::I32Eqz | O::I64Eqz => self.eqz(b)?,
            O::I32Eq | O::I64Eq => self.icmp(b, IntCC::Equal)?,
            O::I32Ne | O::I64Ne => self.icmp(b, IntCC::NotEqual)?,
            O::I32LtS | O::I64LtS => self.icmp(b, IntCC::SignedLessThan)?,
            O::I32LtU | O::I64LtU => self.icmp(b, IntCC::UnsignedLessThan)?,
            O::I32GtS | O::I64GtS => self.icmp(b, IntCC::SignedGreaterThan)?,
            O::I32GtU | O::I64GtU => self.icmp(b, IntCC::UnsignedGreaterThan)?,
            O::I32LeS | O::I64LeS => self.icmp(b, IntCC::SignedLessThanOrEqual)?,
            O::I32LeU | O::I64LeU => self.icmp(b, IntCC::UnsignedLessThanOrEqual)?,
            O::I32GeS | O::I64GeS => self.icmp(b, IntCC::SignedGreaterThanOrEqual)?,
            O::I32GeU | O::I64GeU => self.icmp(b, IntCC::UnsignedGreaterThanOrEqual)?,
            O::F32Eq | O::F64Eq => self.fcmp(b, FloatCC::Equal)?,
            O::F32Ne | O::F64Ne => self.fcmp(b, FloatCC::NotEqual)?,
            O::F32Lt | O::F64Lt => self.fcmp(b, FloatCC::LessThan)?,
            O::F32Gt | O::F64Gt => self.fcmp(b, FloatCC::GreaterThan)?,
            O::F32Le | O::F64Le => self.fcmp(b, FloatCC::LessThanOrEqual)?,
            O::F32Ge | O::F64Ge => self.fcmp(b, FloatCC::GreaterThanOrEqual)?,

            // Integer arithmetic.
            O::I32Clz | O::I64Clz => self.unary(b, |b, x| b.ins().clz(x))?,
            O::I32Ctz | O::I64Ctz => self.unary(b, |b, x| b.ins().ctz(x))?,
            O::I32Popcnt | O::I64Popcnt => self.unary(b, |b, x| b.ins().popcnt(x))?,
            O::I32Add | O::I64Add => self.binary(b, |b, x, y| b.ins().iadd(x, y))?,
            O::I32Sub | O::I64Sub => self.binary(b, |b, x, y| b.ins().isub(x, y))?,
            O::I32Mul | O::I64Mul => self.binary(b, |b, x, y| b.ins().imul(x, y))?,
            O::I32DivS => self.sdiv(b, I32)?,
            O::I64DivS => self.sdiv(b, I64)?,
            O::I32DivU | O::I64DivU => self.binary(b, |b, x, y| b.ins().udiv(x, y))?,
            O::I32RemS | O::I64RemS => self.binary(b, |b, x, y| b.ins().srem(x, y))?,
            O::I32RemU | O::I64RemU => self.binary(b, |b, x, y| b.ins().urem(x, y))?,
            O::I32And | O::I64And => self.binary(b, |b, x, y| b.ins().band(x, y))?,
            O::I32Or | O::I64Or => self.binary(b, |b, x, y| b.ins().bor(x, y))?,
            O::I32Xor | O::I64Xor => self.binary(b, |b, x, y| b.ins().bxor(x, y))?,
            O::I32Shl | O::I64Shl => self.binary(b, |b, x, y| b.ins().ishl(x, y))?,
            O::I32ShrS | O::I64ShrS => self.binary(b, |b, x, y| b.ins().sshr(x, y))?,
            O::I32ShrU | O::I64ShrU => self.binary(b, |b, x, y| b.ins().ushr(x, y))?,
            O::I32Rotl | O::I64Rotl => self.binary(b, |b, x, y| b.ins().rotl(x, y))?,
            O::I32Rotr | O::I64Rotr => self.binary(b, |b, x, y| b.ins().rotr(x, y))?,

            // Float arithmetic.
            O::F32Abs | O::F64Abs => self.unary(b, |b, x| b.ins().fabs(x))?,
            O::F32Neg | O::F64Neg => self.unary(b, |b, x| b.ins().fneg(x))?,
            O::F32Ceil | O::F64Ceil => self.unary(b, |b, x| b.ins().ceil(x))?,
            O::F32Floor | O::F64Floor => self.unary(b, |b, x| b.ins().floor(x))?,
            O::F32Trunc | O::F64Trunc => self.unary(b, |b, x| b.ins().trunc(x))?,
            O::F32Nearest | O::F64Nearest => self.unary(b, |b, x| b.ins().nearest(x))?,
            O::F32Sqrt | O::F64Sqrt => self.unary(b, |b, x| b.ins().sqrt(x))?,
            O::F32Add | O::F64Add => self.binary(b, |b, x, y| b.ins().fadd(x, y))?,
            O::F32Sub | O::F64Sub => self.binary(b, |b, x, y| b.ins().fsub(x, y))?,
            O::F32Mul | O::F64Mul => self.binary(b, |b, x, y| b.ins().fmul(x, y))?,
            O::F32Div | O::F64Div => self.binary(b, |b, x, y| b.ins().fdiv(x, y))?,
            O::F32Min | O::F64Min => self.binary(b, |b, x, y| b.ins().fmin(x, y))?,
            O::F32Max | O::F64Max => self.binary(b, |b, x, y| b.ins().fmax(x, y))?,
            O::F32Copysign | O::F64Copysign => self.binary(b, |b, x, y| b.ins().fcopysign(x, y))?,

            // Conversions.
            O::I32WrapI64 => self.convert(b, |b, x| b.ins().ireduce(I32, x))?,
            O::I64ExtendI32S => self.convert(b, |b, x| b.ins().sextend(I64, x))?,
            O::I64ExtendI32U => self.convert(b, |b, x| b.ins().uextend(I64, x))?,
            O::I32TruncF32S | O::I32TruncF64S => self.convert(b, |b, x| b.ins().fcvt_to_sint(I32, x))?,
            O::I32TruncF32U | O::I32TruncF64U => self.convert(b, |b, x| b.ins().fcvt_to_uint(I32, x))?,
            O::I64TruncF32S | O::I64TruncF64S => self.convert(b, |b, x| b.ins().fcvt_to_sint(I64, x))?,
            O::I64TruncF32U | O::I64TruncF64U => self.convert(b, |b, x| b.ins().fcvt_to_uint(I64, x))?,
            O::I32TruncSatF32S | O::I32TruncSatF64S => self.convert(b, |b, x| b.ins().fcvt_to_sint_sat(I32, x))?,
            O::I32TruncSatF32U | O::I32TruncSatF64U => self.convert(b, |b, x| b.ins().fcvt_to_uint_sat(I32, x))?,
            O::I64TruncSatF32S | O::I64TruncSatF64S => self.convert(b, |b, x| b.ins().fcvt_to_sint_sat(I64, x))?,
            O::I64TruncSatF32U | O::I64TruncSatF64U => self.convert(b, |b, x| b.ins().fcvt_to_uint_sat(I64, x))?,
            O::F32ConvertI32S | O::F32ConvertI64S => self.convert(b, |b, x| b.ins().fcvt_from_sint(F32, x))?,
            O::F32ConvertI32U | O::F32ConvertI64U => self.convert(b, |b, x| b.ins().fcvt_from_uint(F32, x))?,
            O::F64ConvertI32S | O::F64ConvertI64S => self.convert(b, |b, x| b.ins().fcvt_from_sint(F64, x))?,
            O::F64ConvertI32U | O::F64ConvertI64U => self.convert(b, |b, x| b.ins().fcvt_from_uint(F64, x))?,
            O::F32DemoteF64 => self.convert(b, |b, x| b.ins().fdemote(F32, x))?,
            O::F64PromoteF32 => self.convert(b, |b, x| b.ins().fpromote(F64, x))?,
            O::I32ReinterpretF32 => self.convert(b, |b, x| bitcast(b, I32, x))?,
            O::I64ReinterpretF64 => self.convert(b, |b, x| bitcast(b, I64, x))?,
            O::F32ReinterpretI32 => self.convert(b, |b, x| bitcast(b, F32, x))?,
            O::F64ReinterpretI64 => self.convert(b, |b, x| bitcast(b, F64, x))?,

            // Sign extension.
            O::I32Extend8S => self.extend_s(b, I32, I8)?,
            O::I32Extend16S => self.extend_s(b, I32, I16)?,
            O::I64Extend8S => self.extend_s(b, I64, I8)?,
            O::I64Extend16S => self.extend_s(b, I64, I16)?,
            O::I64Extend32S => self.extend_s(b, I64, I32)?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}
