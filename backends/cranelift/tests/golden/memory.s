function copy:
  pushq %rbp
  movq %rsp, %rbp
block0:
  movq 8(%rdi), %r8
  movq (%r8), %r8
  movl %ecx, %r9d
  movq (%r8, %r9), %r9
  movl %edx, %r10d
  movq %r9, 8(%r8, %r10)
  jmp     label1
block1:
  movq %rbp, %rsp
  popq %rbp
  retq

function grow:
  pushq %rbp
  movq %rsp, %rbp
  movq (%rdi), %r10
  movq 8(%r10), %r10
  addq $0x10, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
block0:
  uninit  %rsi
  xorl %esi, %esi
  movl %edx, %edx
  load_ext_name userextname0+0, %r8
  call    *%r8
  cmpq $0xfffffffffffffffe, %rax
  jz #trap=user250
  jmp     label1
block1:
  movq %rbp, %rsp
  popq %rbp
  retq

