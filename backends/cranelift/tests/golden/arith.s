function add:
  pushq %rbp
  movq %rsp, %rbp
block0:
  jmp     label1
block1:
  leal (%rdx, %rcx), %eax
  movq %rbp, %rsp
  popq %rbp
  retq

function divs:
  pushq %rbp
  movq %rsp, %rbp
block0:
  cmpq (%rip), %rdx
  sete %r8b
  cmpq $0xffffffffffffffff, %rcx
  sete %r9b
  testb %r8b, %r9b
  jnz #trap=int_ovf
  movq %rdx, %rax
  cqto  ;; implicit: %rdx, %rax
  testq %rcx, %rcx
  jz #trap=int_divz
  idivq %rcx ;; implicit: %rax, %rdx, trap=252
  jmp     label1
block1:
  movq %rbp, %rsp
  popq %rbp
  retq

