//! Memory, table, global and reference operators.

use super::{Operand, Result, Translator, unsupported};
use crate::ir::{Op, Slot};
use concord_core::wasmparser::{MemArg, MemArgTarget, Operator};

/// The static offset of an access to a 32-bit memory 0 (other memories,
/// and a 64-bit memory 0, go through `multi_memory`).
pub(super) fn offset32(m: &MemArg) -> Result<u32> {
    match m.target {
        MemArgTarget::Memory(0) => {}
        _ => return Err(unsupported("multiple memories")),
    }
    // Validation bounds a 32-bit memory's offsets by 2^32.
    u32::try_from(m.offset).map_err(|_| unsupported("memory offsets beyond 4 GiB on a 32-bit memory"))
}

/// Builds a memory-0 access from its slots (result or address, address or
/// value), the address constant and the offset.
pub(super) type MakeAccess = fn(Slot, Slot, i32, u32) -> Op;
/// Builds an access at a constant address from its result or value slot
/// and the address.
type MakeAbs = fn(Slot, u64) -> Op;
/// Builds a store of a constant from its address slot, the value, the
/// address constant and the offset.
type MakeImmStore = fn(Slot, i32, i32, u32) -> Op;

impl Translator<'_> {
    fn load(&mut self, m: &MemArg, make: MakeAccess) -> Result<()> {
        self.load_or_abs(m, make, None)
    }

    /// A load; with `abs`, one from a constant address is made by it.
    fn load_or_abs(&mut self, m: &MemArg, make: MakeAccess, abs: Option<MakeAbs>) -> Result<()> {
        if let Some(memory) = self.generic_memory(m) {
            self.load_other(memory, m, make);
            return Ok(());
        }
        let offset = offset32(m)?;
        let pos = self.stack.len() - 1;
        if let (Some(abs), Operand::Const(c)) = (abs, self.stack[pos]) {
            self.pop();
            let dst = self.write_slot(pos);
            self.push(Operand::Stack);
            self.emit(abs(dst, u64::from(c as u32) + u64::from(offset)));
            return Ok(());
        }
        let (addr, imm) = self.pop_address();
        let dst = self.write_slot(pos);
        self.push(Operand::Stack);
        self.emit(make(dst, addr, imm, offset));
        Ok(())
    }

    /// Pops the address of a memory-0 access (the top of the stack) as a
    /// slot and a constant to add to it: an `i32.add` of a constant that
    /// computed the address right before, into the temporary only the
    /// access reads, is folded into the access, which adds the constant
    /// itself (wrapping, as the add would).
    fn pop_address(&mut self) -> (Slot, i32) {
        let pos = self.stack.len() - 1;
        if matches!(self.stack[pos], Operand::Stack)
            && let Some(home) = self.direct(pos)
            && let Some(&mut Op::I32AddImm { dst, lhs, imm }) = self.last_fusable()
            && dst == home
        {
            self.ops.pop();
            self.pop();
            return (lhs, imm);
        }
        (self.pop_slot(), 0)
    }

    fn store(&mut self, m: &MemArg, make: MakeAccess) -> Result<()> {
        self.store_or_imm(m, make, None, None)
    }

    /// A store; with `imm`, a constant value that fits an `i32` immediate
    /// is stored by the immediate variant; with `abs`, a value to a
    /// constant address by that one.
    fn store_or_imm(
        &mut self,
        m: &MemArg,
        make: MakeAccess,
        imm: Option<MakeImmStore>,
        abs: Option<MakeAbs>,
    ) -> Result<()> {
        if let Some(memory) = self.generic_memory(m) {
            self.store_other(memory, m, make);
            return Ok(());
        }
        let offset = offset32(m)?;
        if let (Some(imm), Some(&Operand::Const(c))) = (imm, self.stack.last())
            && let Ok(value) = i32::try_from(c as i64)
        {
            self.pop();
            let (addr, add) = self.pop_address();
            self.emit(imm(addr, value, add, offset));
            return Ok(());
        }
        let value = self.pop_slot();
        if let (Some(abs), Some(&Operand::Const(c))) = (abs, self.stack.last()) {
            self.pop();
            self.emit(abs(value, u64::from(c as u32) + u64::from(offset)));
            return Ok(());
        }
        let (addr, add) = self.pop_address();
        self.emit(make(addr, value, add, offset));
        Ok(())
    }

    /// Whether `table` is a 64-bit table.
    fn table64(&self, table: u32) -> bool {
        self.module.tables.get(table as usize).is_some_and(|t| t.table64)
    }

    /// Narrows the operand `depth` entries below the top of the stack, an
    /// index or length of a 64-bit table (an `i64`), to the `i32` the table
    /// ops read: a value of 2^32 or more becomes `u32::MAX`, which is out
    /// of bounds of every table, as a length or growth too large for any
    /// (tables never reach
    /// [`MAX_TABLE_ELEMENTS`](concord_core::MAX_TABLE_ELEMENTS) elements), so the ops of
    /// 32-bit tables give the 64-bit ones their results and traps.
    pub(super) fn narrow_table_operand(&mut self, depth: usize) {
        let pos = self.stack.len() - 1 - depth;
        let src = match self.stack[pos] {
            Operand::Const(c) => {
                self.stack[pos] = Operand::Const(c.min(u64::from(u32::MAX)));
                return;
            }
            Operand::Local(local) => local,
            Operand::Stack => self.read_slot(pos),
        };
        let dst = self.write_slot(pos);
        self.emit(Op::Unary {
            dst,
            src,
            f: |x| x.min(u64::from(u32::MAX)),
        });
        self.stack[pos] = Operand::Stack;
    }

    /// Pops three operands (`a b c` with `c` on top) into slots.
    fn pop3(&mut self) -> (Slot, Slot, Slot) {
        let c = self.pop_slot();
        let b = self.pop_slot();
        let a = self.pop_slot();
        (a, b, c)
    }

    /// Translates a memory/table/global/reference operator; `false` if
    /// `op` is not one.
    pub(super) fn memory_op(&mut self, op: &Operator<'_>) -> Result<bool> {
        use Operator as O;
        macro_rules! load {
            ($m:expr, $v:ident) => {
                self.load($m, |dst, addr, imm, offset| Op::$v {
                    dst,
                    addr,
                    imm,
                    offset,
                })?
            };
        }
        macro_rules! store {
            ($m:expr, $v:ident) => {
                self.store($m, |addr, value, imm, offset| Op::$v {
                    addr,
                    value,
                    imm,
                    offset,
                })?
            };
        }
        match op {
            O::I32Load { memarg } | O::F32Load { memarg } => self.load_or_abs(
                memarg,
                |dst, addr, imm, offset| Op::I32Load { dst, addr, imm, offset },
                Some(|dst, ea| Op::I32LoadAbs { dst, ea }),
            )?,
            O::I64Load { memarg } => self.load_or_abs(
                memarg,
                |dst, addr, imm, offset| Op::I64Load { dst, addr, imm, offset },
                Some(|dst, ea| Op::I64LoadAbs { dst, ea }),
            )?,
            O::F64Load { memarg } => self.load_or_abs(
                memarg,
                |dst, addr, imm, offset| Op::F64Load { dst, addr, imm, offset },
                Some(|dst, ea| Op::F64LoadAbs { dst, ea }),
            )?,
            O::I32Load8S { memarg } => load!(memarg, I32Load8S),
            O::I32Load8U { memarg } => load!(memarg, I32Load8U),
            O::I32Load16S { memarg } => load!(memarg, I32Load16S),
            O::I32Load16U { memarg } => load!(memarg, I32Load16U),
            O::I64Load8S { memarg } => load!(memarg, I64Load8S),
            O::I64Load8U { memarg } => load!(memarg, I64Load8U),
            O::I64Load16S { memarg } => load!(memarg, I64Load16S),
            O::I64Load16U { memarg } => load!(memarg, I64Load16U),
            O::I64Load32S { memarg } => load!(memarg, I64Load32S),
            O::I64Load32U { memarg } => load!(memarg, I64Load32U),
            O::I32Store { memarg } | O::F32Store { memarg } => self.store_or_imm(
                memarg,
                |addr, value, imm, offset| Op::I32Store {
                    addr,
                    value,
                    imm,
                    offset,
                },
                Some(|addr, value, imm, offset| Op::I32StoreImm {
                    addr,
                    value,
                    imm,
                    offset,
                }),
                Some(|value, ea| Op::I32StoreAbs { value, ea }),
            )?,
            O::I64Store { memarg } => self.store_or_imm(
                memarg,
                |addr, value, imm, offset| Op::I64Store {
                    addr,
                    value,
                    imm,
                    offset,
                },
                Some(|addr, value, imm, offset| Op::I64StoreImm {
                    addr,
                    value,
                    imm,
                    offset,
                }),
                Some(|value, ea| Op::I64StoreAbs { value, ea }),
            )?,
            O::F64Store { memarg } => self.store_or_imm(
                memarg,
                |addr, value, imm, offset| Op::F64Store {
                    addr,
                    value,
                    imm,
                    offset,
                },
                Some(|addr, value, imm, offset| Op::I64StoreImm {
                    addr,
                    value,
                    imm,
                    offset,
                }),
                Some(|value, ea| Op::F64StoreAbs { value, ea }),
            )?,
            O::I32Store8 { memarg } => self.store_or_imm(
                memarg,
                |addr, value, imm, offset| Op::I32Store8 {
                    addr,
                    value,
                    imm,
                    offset,
                },
                Some(|addr, value, imm, offset| Op::I32Store8Imm {
                    addr,
                    value,
                    imm,
                    offset,
                }),
                None,
            )?,
            O::I32Store16 { memarg } => store!(memarg, I32Store16),
            O::I64Store8 { memarg } => store!(memarg, I64Store8),
            O::I64Store16 { memarg } => store!(memarg, I64Store16),
            O::I64Store32 { memarg } => store!(memarg, I64Store32),
            O::MemorySize { mem } => {
                let dst = self.push_slot();
                self.emit(Op::MemorySize { dst, mem: *mem });
            }
            O::MemoryGrow { mem } => {
                let pos = self.stack.len() - 1;
                let delta = self.pop_slot();
                let dst = self.write_slot(pos);
                self.push(Operand::Stack);
                self.emit(Op::MemoryGrow { dst, delta, mem: *mem });
            }
            O::MemoryFill { mem } => {
                let (dst, value, len) = self.pop3();
                self.emit(Op::MemoryFill {
                    dst,
                    value,
                    len,
                    mem: *mem,
                });
            }
            O::MemoryCopy { dst_mem, src_mem } => {
                let (dst, src, len) = self.pop3();
                self.emit(Op::MemoryCopy {
                    dst,
                    src,
                    len,
                    dst_mem: *dst_mem,
                    src_mem: *src_mem,
                });
            }
            O::MemoryInit { data_index, mem } => {
                let (dst, src, len) = self.pop3();
                self.emit(Op::MemoryInit {
                    dst,
                    src,
                    len,
                    mem: *mem,
                    data: *data_index,
                });
            }
            O::DataDrop { data_index } => {
                self.emit(Op::DataDrop { data: *data_index });
            }
            O::TableGet { table } => {
                if self.table64(*table) {
                    self.narrow_table_operand(0);
                }
                let pos = self.stack.len() - 1;
                let index = self.pop_slot();
                let dst = self.write_slot(pos);
                self.push(Operand::Stack);
                self.emit(Op::TableGet {
                    dst,
                    index,
                    table: *table,
                });
            }
            O::TableSet { table } => {
                if self.table64(*table) {
                    self.narrow_table_operand(1);
                }
                let value = self.pop_slot();
                let index = self.pop_slot();
                self.emit(Op::TableSet {
                    index,
                    value,
                    table: *table,
                });
            }
            O::TableSize { table } => {
                let dst = self.push_slot();
                self.emit(Op::TableSize { dst, table: *table });
            }
            O::TableGrow { table } => {
                let table64 = self.table64(*table);
                if table64 {
                    self.narrow_table_operand(0);
                }
                let delta = self.pop_slot();
                let pos = self.stack.len() - 1;
                let init = self.pop_slot();
                let dst = self.write_slot(pos);
                self.push(Operand::Stack);
                let grow = Op::TableGrow {
                    dst,
                    init,
                    delta,
                    table: *table,
                };
                if table64 {
                    // The old size, or -1 as an `i64`.
                    let widen = Op::Unary {
                        dst,
                        src: dst,
                        f: |x| x as u32 as i32 as i64 as u64,
                    };
                    self.emit_pair(grow, widen);
                } else {
                    self.emit(grow);
                }
            }
            O::TableFill { table } => {
                if self.table64(*table) {
                    self.narrow_table_operand(0);
                    self.narrow_table_operand(2);
                }
                let (dst, value, len) = self.pop3();
                self.emit(Op::TableFill {
                    dst,
                    value,
                    len,
                    table: *table,
                });
            }
            O::TableCopy { dst_table, src_table } => {
                // The length has the narrower of the two index types.
                let (dst64, src64) = (self.table64(*dst_table), self.table64(*src_table));
                if dst64 && src64 {
                    self.narrow_table_operand(0);
                }
                if src64 {
                    self.narrow_table_operand(1);
                }
                if dst64 {
                    self.narrow_table_operand(2);
                }
                let (dst, src, len) = self.pop3();
                self.emit(Op::TableCopy {
                    dst,
                    src,
                    len,
                    dst_table: *dst_table,
                    src_table: *src_table,
                });
            }
            O::TableInit { elem_index, table } => {
                if self.table64(*table) {
                    self.narrow_table_operand(2);
                }
                let (dst, src, len) = self.pop3();
                self.emit(Op::TableInit {
                    dst,
                    src,
                    len,
                    table: *table,
                    elem: *elem_index,
                });
            }
            O::ElemDrop { elem_index } => {
                self.emit(Op::ElemDrop { elem: *elem_index });
            }
            O::GlobalGet { global_index } => {
                let dst = self.push_slot();
                self.emit(Op::GlobalGet {
                    dst,
                    global: *global_index,
                });
            }
            O::GlobalSet { global_index } => {
                let src = self.pop_slot();
                self.emit(Op::GlobalSet {
                    src,
                    global: *global_index,
                });
            }
            O::RefIsNull => {
                let pos = self.stack.len() - 1;
                let src = self.pop_slot();
                let dst = self.write_slot(pos);
                self.push(Operand::Stack);
                self.emit(Op::RefIsNull { dst, src });
            }
            O::RefFunc { function_index } => {
                let dst = self.push_slot();
                self.emit(Op::RefFunc {
                    dst,
                    func: *function_index,
                });
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}
