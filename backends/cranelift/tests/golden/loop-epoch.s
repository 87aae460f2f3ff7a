function sum:
  pushq %rbp
  movq %rsp, %rbp
  movq (%rdi), %r10
  movq 8(%r10), %r10
  addq $0x50, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
  subq $0x40, %rsp
  movq %rbx, 0x10(%rsp)
  movq %r12, 0x18(%rsp)
  movq %r13, 0x20(%rsp)
  movq %r14, 0x28(%rsp)
  movq %r15, 0x30(%rsp)
block0:
  movq %rdx, %r15
  movq (%rdi), %r13
  movq 0x38(%r13), %rbx
  movq (%rbx), %rax
  movq 0x40(%r13), %rcx
  cmpq %rcx, %rax
  jnb     label2; j label1
block1:
  movq %rdi, %r12
  jmp     label3
block3:
  uninit  %rax
  xorl %eax, %eax
  movq %rax, <offset:1>+(%rsp)
  movq 8(%r12), %rcx
  movq (%rcx), %r14
  jmp     label4
block4:
  movq (%rbx), %rcx
  movq 0x40(%r13), %rdx
  cmpq %rdx, %rcx
  jnb     label6; j label5
block5:
  movq %r15, %rdx
  jmp     label7
block7:
  testl %edx, %edx
  jz      label9; j label8
block8:
  movl %edx, %ecx
  subl $0x1, %edx
  movq <offset:1>+(%rsp), %rax
  addl (%r14, %rcx), %eax
  movq %rdx, %r15
  movq %rax, <offset:1>+(%rsp)
  jmp     label4
block9:
  movq <offset:1>+(%rsp), %rax
  jmp     label10
block10:
  movq 0x10(%rsp), %rbx
  movq 0x18(%rsp), %r12
  movq 0x20(%rsp), %r13
  movq 0x28(%rsp), %r14
  movq 0x30(%rsp), %r15
  addq $0x40, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
block2:
  load_ext_name userextname0+0, %rax
  movq %rdi, %r12
  call    *%rax
  testb %al, %al
  jz #trap=user250
  jmp     label3
block6:
  load_ext_name userextname0+0, %rcx
  movq %r12, %rdi
  call    *%rcx
  testb %al, %al
  jz #trap=user250
  movq %r15, %rdx
  jmp     label7

