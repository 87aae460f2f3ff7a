function callee:
  pushq %rbp
  movq %rsp, %rbp
block0:
  jmp     label1
block1:
  movq %rdx, %rax
  movq %rbp, %rsp
  popq %rbp
  retq

function local:
  pushq %rbp
  movq %rsp, %rbp
block0:
  jmp     label1
block1:
  jmp     label2
block2:
  movq %rdx, %rax
  movq %rbp, %rsp
  popq %rbp
  retq

function other:
  pushq %rbp
  movq %rsp, %rbp
  movq (%rdi), %r10
  movq 8(%r10), %r10
  addq $0x30, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
  subq $0x20, %rsp
  movq %r12, 0x10(%rsp)
block0:
  movq %rdi, %r12
  leaq <offset:1>+(%rsp), %r8
  movq %rdx, <offset:1>+(%rsp)
  movl $0x1, %esi
  load_ext_name userextname0+0, %r9
  movq %r8, %rdx
  call    *%r9
  load_ext_name userextname1+0, %r9
  movq %rax, %rsi
  movq %r12, %rdi
  call    *%r9
  load_ext_name userextname2+0, %r10
  movq %r12, %rdi
  call    *%r10
  ud2

function rethrow:
  pushq %rbp
  movq %rsp, %rbp
  movq (%rdi), %r10
  movq 8(%r10), %r10
  addq $0x30, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
  subq $0x20, %rsp
  movq %rbx, (%rsp)
  movq %r12, 8(%rsp)
  movq %r14, 0x10(%rsp)
block0:
  testq %rdx, %rdx
  jz #trap=user10
  movq (%rdx), %rax
  movq %rdx, %r12
  movq 0x58(%rdi), %rcx
  movq %rdi, %r14
  movq 8(%rcx), %rcx
  cmpq %rcx, %rax
  jz      label2; j label1
block2:
  movq %r12, %rsi
  movq %r14, %rdi
  movq 8(%rsi), %rax
  movq (%rax), %rbx
  movl $0x1, %edx
  load_ext_name userextname0+0, %rax
  call    *%rax
  jmp     label3
block3:
  jmp     label4
block4:
  movq %rbx, %rax
  movq %r12, %rcx
  movq (%rsp), %rbx
  movq 8(%rsp), %r12
  movq 0x10(%rsp), %r14
  addq $0x20, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
block1:
  load_ext_name userextname1+0, %rax
  movq %r12, %rsi
  movq %r14, %rdi
  call    *%rax
  load_ext_name userextname2+0, %rax
  movq %r14, %rdi
  call    *%rax
  ud2

function catching:
  pushq %rbp
  movq %rsp, %rbp
  movq (%rdi), %r10
  movq 8(%r10), %r10
  addq $0x30, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
  subq $0x20, %rsp
  movq %rbx, 0x10(%rsp)
block0:
  movl %edx, %eax
  leaq <offset:1>+(%rsp), %rdx
  movq %rax, <offset:1>+(%rsp)
  movq 0x28(%rdi), %rax
  movq %rdi, %rbx
  movq (%rax), %rsi
  movl $0x1, %ecx
  load_ext_name userextname0+0, %rax
  call    *%rax
  cmpb $0x1, %al
  jz      label6; j label1
block2:
  uninit  %rdx
  xorl %edx, %edx
  load_ext_name userextname1+0, %rax
  call    *%rax
  jmp     label3
block3:
  movl $0xfffffffe, %eax
  jmp     label8
block4:
  movq 8(%rsi), %rax
  movl (%rax), %eax
  movq %rax, %rbx
  uninit  %rdx
  xorl %edx, %edx
  load_ext_name userextname1+0, %rax
  call    *%rax
  jmp     label5
block5:
  movq %rbx, %rax
  jmp     label8
block6:
  movl <offset:1>+(%rsp), %eax
  jmp     label7
block7:
  jmp     label8
block8:
  movq 0x10(%rsp), %rbx
  addq $0x20, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
block1:
  cmpb $0x2, %al
  jnz #trap=user250
  movq <offset:1>+(%rsp), %rsi
  movq (%rsi), %rax
  movq %rbx, %rdi
  movq 0x58(%rdi), %rcx
  movq (%rcx), %rcx
  cmpq %rcx, %rax
  jz      label4; j label2

