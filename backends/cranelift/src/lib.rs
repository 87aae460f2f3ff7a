//! The optimizing tier of concord: Wasm to Cranelift IR, compiled to native
//! code. (Module documentation is completed with the runtime.)

pub mod abi;
mod translate;
