function sum:
  pushq %rbp
  movq %rsp, %rbp
block0:
  uninit  %rax
  xorl %eax, %eax
  movq (%rdi), %rcx
  jmp     label1
block1:
  movq (%rcx), %r10
  cmpq $0xc, %r10
  jl #trap=user12
  movq %r10, %rsi
  subq $0xc, %rsi
  movq %rsi, (%rcx)
  testl %edx, %edx
  jz      label3; j label2
block2:
  movq %rdx, %rsi
  subl $0x1, %esi
  leal (%rax, %rdx), %eax
  movq %rsi, %rdx
  jmp     label1
block3:
  testq %rsi, %rsi
  jle #trap=user12
  subq $0xd, %r10
  movq %r10, (%rcx)
  jmp     label4
block4:
  movq %rbp, %rsp
  popq %rbp
  retq

