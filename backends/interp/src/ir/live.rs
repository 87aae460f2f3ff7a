//! Which cells an op reads and writes, for the translator's liveness scan
//! over straight-line code ([`Op::cell_use`]).

use super::{Op, Slot};

/// What an op does with one cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CellUse {
    /// The op reads the cell (it may write it too).
    Read,
    /// The op writes the cell without reading it.
    Written,
    /// The op neither reads nor writes it.
    Untouched,
    /// The op may reach cells or code its fields do not name: a branch,
    /// a call, a return, a throw, a table of branches, or an op without
    /// slot fields (fuel, traps, tier-up points, spans of cells).
    Unknown,
}

impl Op {
    /// What the op does with cell `slot` (in the translator's units, a
    /// cell index): its operands that name it are reads, field `dst` (its
    /// result) a write, and an op that may leave straight-line code or
    /// touch cells no field names is [`CellUse::Unknown`] (after its
    /// reads).
    fn cell_use(&self, slot: Slot) -> CellUse {
        let (reads, written, unknown) = self.slot_access(slot);
        if reads > 0 {
            CellUse::Read
        } else if unknown {
            CellUse::Unknown
        } else if written {
            CellUse::Written
        } else {
            CellUse::Untouched
        }
    }
}

/// Whether, on every path from `ops[at]`, an op writes cell `slot` before
/// any op reads it, or the function leaves (a trap, a return of another
/// cell). Branches are followed both ways (the code is in the translator's
/// units: `off` in ops). Conservative: any other op of unknown effect, the
/// end of the code, or more than `budget` ops visited in all without an
/// answer counts as a read.
fn dead_at(ops: &[Op], mut at: usize, slot: Slot, budget: &mut u32) -> bool {
    use Op::*;
    while let Some(op) = ops.get(at) {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        match op.cell_use(slot) {
            CellUse::Written => return true,
            CellUse::Read => return false,
            CellUse::Untouched => at += 1,
            CellUse::Unknown => match *op {
                Trap { .. } => return true,
                ReturnSlot { .. } | ReturnSlot64 { .. } => return true,
                Br { off } => at = target(at, off),
                _ if op.is_branch() && !matches!(op, BrTable { .. }) => {
                    let Some(&mut off) = op.clone().off_mut() else {
                        return false;
                    };
                    if !dead_at(ops, target(at, off), slot, budget) {
                        return false;
                    }
                    at += 1;
                }
                _ => return false,
            },
        }
    }
    false
}

/// The op a branch at `at` with offset `off` (in ops) goes to.
fn target(at: usize, off: i32) -> usize {
    (at as i64 + i64::from(off)).max(0) as usize
}

/// Whether the value in cell `slot`, which the op at `consumer` takes from
/// the register (its chained operand), is read from the cell by no op from
/// `consumer` on: the consumer names it in no other operand, and it
/// overwrites it or every path after it writes it before reading it
/// (both ways after a branch; up to `budget` ops are looked at).
pub fn dead_after_chained(ops: &[Op], consumer: usize, slot: Slot, budget: u32) -> bool {
    let op = &ops[consumer];
    let (reads, written, unknown) = op.slot_access(slot);
    if reads != 1 {
        return false;
    }
    if written {
        return true;
    }
    let mut budget = budget;
    if !unknown {
        return dead_at(ops, consumer + 1, slot, &mut budget);
    }
    if !op.is_branch() || matches!(op, Op::BrTable { .. }) {
        return false;
    }
    let Some(&mut off) = op.clone().off_mut() else {
        return false;
    };
    dead_at(ops, target(consumer, off), slot, &mut budget)
        && (matches!(op, Op::Br { .. }) || dead_at(ops, consumer + 1, slot, &mut budget))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shr(dst: Slot, lhs: Slot) -> Op {
        Op::I32ShrUImm { dst, lhs, imm: 3 }
    }
    fn and(dst: Slot, lhs: Slot) -> Op {
        Op::I32AndImm { dst, lhs, imm: 7 }
    }
    fn add(dst: Slot, lhs: Slot, rhs: Slot) -> Op {
        Op::I32Add { dst, lhs, rhs }
    }

    #[test]
    fn a_consumer_that_overwrites_the_cell_ends_its_value() {
        let ops = [shr(5, 0), and(5, 5), Op::ReturnSlot64 { src: 5 }];
        assert!(dead_after_chained(&ops, 1, 5, 40));
    }

    #[test]
    fn a_later_read_keeps_the_value() {
        let ops = [shr(5, 0), and(6, 5), add(7, 5, 6), Op::ReturnSlot64 { src: 7 }];
        assert!(!dead_after_chained(&ops, 1, 5, 40));
        // The consumer reading it through a second operand too.
        let ops = [shr(5, 0), add(6, 5, 5), Op::ReturnSlot64 { src: 6 }];
        assert!(!dead_after_chained(&ops, 1, 5, 40));
    }

    #[test]
    fn a_later_write_ends_it_and_a_return_of_another_cell_too() {
        let ops = [shr(5, 0), and(6, 5), add(5, 6, 0), Op::ReturnSlot64 { src: 5 }];
        assert!(dead_after_chained(&ops, 1, 5, 40));
        let ops = [shr(5, 0), and(6, 5), Op::ReturnSlot64 { src: 6 }];
        assert!(dead_after_chained(&ops, 1, 5, 40));
        // `Return` returns cells the caller reads: unknown.
        let ops = [shr(5, 0), and(6, 5), Op::Return];
        assert!(!dead_after_chained(&ops, 1, 5, 40));
    }

    #[test]
    fn both_ways_of_a_branch_count() {
        // 2: branch to 5 if cell 6 != 0; 3..4 write cell 5; 5 reads it.
        let mut ops = vec![
            shr(5, 0),
            and(6, 5),
            Op::BrIfNez { cond: 6, off: 3 },
            add(5, 0, 0),
            Op::Br { off: 2 },
            Op::ReturnSlot64 { src: 5 },
        ];
        assert!(!dead_after_chained(&ops, 1, 5, 40), "the taken way reads it");
        ops[5] = Op::ReturnSlot64 { src: 6 };
        assert!(dead_after_chained(&ops, 1, 5, 40));
        // A loop back to the write is fine; a call is unknown.
        let ops = [
            shr(5, 0),
            and(6, 5),
            Op::BrIfNez { cond: 6, off: -2 },
            Op::Call {
                func: 0,
                base: 5,
                len: 1,
            },
        ];
        assert!(!dead_after_chained(&ops, 1, 5, 40));
        let ops = [
            shr(5, 0),
            and(6, 5),
            Op::BrIfNez { cond: 6, off: -2 },
            Op::Trap {
                code: concord_core::TrapCode::Unreachable,
            },
        ];
        assert!(dead_after_chained(&ops, 1, 5, 40));
    }

    #[test]
    fn fused_ops_write_their_first_result_and_bulk_ops_read_dst() {
        let pair = Op::I32AddImmThenI32AddImm { dst: 5, lhs: 1, imm: 1 };
        assert_eq!(pair.cell_use(5), CellUse::Written);
        let fill = Op::MemoryFill {
            dst: 5,
            value: 1,
            len: 2,
            mem: 0,
        };
        assert_eq!(fill.cell_use(5), CellUse::Read);
        assert_eq!(Op::Fuel { cost: 1 }.cell_use(5), CellUse::Unknown);
        assert_eq!(Op::BrIfNez { cond: 5, off: 1 }.cell_use(5), CellUse::Read);
        assert_eq!(Op::BrIfNez { cond: 4, off: 1 }.cell_use(5), CellUse::Unknown);
    }
}
