//! SIMD operators, classified by [`crate::simd::classify`].

use super::{Operand, Result, Translator, unsupported};
use crate::ir::Op;
use crate::simd::{SimdBinOp, SimdInstr, SimdLoadKind, SimdMemArg, SimdShiftOp};

fn offset(m: &SimdMemArg) -> Result<u32> {
    if m.memory != 0 {
        return Err(unsupported("multiple memories"));
    }
    // Validation bounds a 32-bit memory's offsets by 2^32.
    u32::try_from(m.offset).map_err(|_| unsupported("memory offsets beyond 4 GiB on a 32-bit memory"))
}

impl Translator<'_> {
    pub(super) fn simd_op(&mut self, instr: SimdInstr) -> Result<()> {
        if let Some(memory) = self.simd_generic_memory(&instr) {
            self.simd_other(memory, instr);
            return Ok(());
        }
        match instr {
            SimdInstr::Const(v) => {
                let dst = self.push_slot();
                let idx = self.v128_consts.len() as u32;
                self.v128_consts.push(v);
                self.emit(Op::ConstV128 { dst, idx });
            }
            SimdInstr::Shuffle(lanes) => {
                let b = self.pop_slot();
                let pos = self.stack.len() - 1;
                let a = self.pop_slot();
                let dst = self.write_slot(pos);
                self.push(Operand::Stack);
                let idx = self.shuffles.len() as u32;
                self.shuffles.push(lanes);
                self.emit(Op::V128Shuffle { dst, a, b, idx });
            }
            SimdInstr::Unary(op) => self.simd_un(|dst, src| Op::V128Unary { dst, src, op }),
            SimdInstr::Splat(op) => self.simd_un(|dst, src| Op::V128Splat { dst, src, op }),
            SimdInstr::Test(op) => self.simd_un(|dst, src| Op::V128Test { dst, src, op }),
            SimdInstr::ExtractLane(op, lane) => self.simd_un(|dst, src| Op::V128Extract { dst, src, op, lane }),
            SimdInstr::Binary(op) => {
                let rhs = self.pop_slot();
                let pos = self.stack.len() - 1;
                let lhs = self.pop_slot();
                let dst = self.write_slot(pos);
                self.push(Operand::Stack);
                self.emit(match op {
                    SimdBinOp::F32x4Add => Op::F32x4Add { dst, lhs, rhs },
                    SimdBinOp::F32x4Sub => Op::F32x4Sub { dst, lhs, rhs },
                    SimdBinOp::F32x4Mul => Op::F32x4Mul { dst, lhs, rhs },
                    SimdBinOp::I32x4Add => Op::I32x4Add { dst, lhs, rhs },
                    SimdBinOp::I32x4Sub => Op::I32x4Sub { dst, lhs, rhs },
                    _ => Op::V128Binary { dst, lhs, rhs, op },
                });
            }
            SimdInstr::Shift(op) => {
                if let Some(&Operand::Const(c)) = self.stack.last() {
                    self.pop();
                    let count = c as u32;
                    // The lane shifts take the count modulo 32.
                    let masked = (count & 31) as u8;
                    self.simd_un(|dst, src| match op {
                        SimdShiftOp::I32x4Shl => Op::I32x4ShlImm {
                            dst,
                            src,
                            count: masked,
                        },
                        SimdShiftOp::I32x4ShrU => Op::I32x4ShrUImm {
                            dst,
                            src,
                            count: masked,
                        },
                        _ => Op::V128ShiftImm { dst, src, count, op },
                    });
                    return Ok(());
                }
                let count = self.pop_slot();
                let pos = self.stack.len() - 1;
                let src = self.pop_slot();
                let dst = self.write_slot(pos);
                self.push(Operand::Stack);
                self.emit(Op::V128Shift { dst, src, count, op });
            }
            SimdInstr::ReplaceLane(op, lane) => {
                let x = self.pop_slot();
                let pos = self.stack.len() - 1;
                let src = self.pop_slot();
                let dst = self.write_slot(pos);
                self.push(Operand::Stack);
                self.emit(Op::V128Replace { dst, src, x, op, lane });
            }
            SimdInstr::Ternary(op) => {
                let c = self.pop_slot();
                let b = self.pop_slot();
                let pos = self.stack.len() - 1;
                let a = self.pop_slot();
                let dst = self.write_slot(pos);
                self.push(Operand::Stack);
                self.emit(Op::V128Ternary { dst, a, b, c, op });
            }
            SimdInstr::Load(kind, m) => {
                let offset = offset(&m)?;
                self.simd_un(|dst, addr| match kind {
                    SimdLoadKind::V128 => Op::V128LoadFull { dst, addr, offset },
                    _ => Op::V128Load {
                        dst,
                        addr,
                        offset,
                        kind,
                    },
                });
            }
            SimdInstr::Store(m) => {
                let offset = offset(&m)?;
                let value = self.pop_slot();
                let addr = self.pop_slot();
                self.emit(Op::V128Store { addr, value, offset });
            }
            SimdInstr::LoadLane { width, lane, memarg } => {
                let offset = offset(&memarg)?;
                let vec = self.pop_slot();
                let pos = self.stack.len() - 1;
                let addr = self.pop_slot();
                let dst = self.write_slot(pos);
                self.push(Operand::Stack);
                self.emit(Op::V128LoadLane {
                    dst,
                    addr,
                    vec,
                    offset,
                    width,
                    lane,
                });
            }
            SimdInstr::StoreLane { width, lane, memarg } => {
                let offset = offset(&memarg)?;
                let vec = self.pop_slot();
                let addr = self.pop_slot();
                self.emit(Op::V128StoreLane {
                    addr,
                    vec,
                    offset,
                    width,
                    lane,
                });
            }
        }
        Ok(())
    }

    fn simd_un(&mut self, make: impl FnOnce(u16, u16) -> Op) {
        let pos = self.stack.len() - 1;
        let src = self.pop_slot();
        let dst = self.write_slot(pos);
        self.push(Operand::Stack);
        self.emit(make(dst, src));
    }
}
