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
  movq %rdx, %rax
  movq 0x58(%rdi), %r10
  movq %rdi, %r12
  movq (%r10), %r11
  movq 8(%r10), %r10
  cmpq %r10, %r11
  jz      label2; j label1
block2:
  jmp     label3
block3:
  jmp     label4
block4:
  movq 0x10(%rsp), %r12
  addq $0x20, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
block1:
  leaq <offset:1>+(%rsp), %rdx
  movq %rax, <offset:1>+(%rsp)
  movl $0x1, %esi
  load_ext_name userextname0+0, %rax
  movq %r12, %rdi
  call    *%rax
  load_ext_name userextname1+0, %rcx
  movq %rax, %rsi
  movq %r12, %rdi
  call    *%rcx
  ud2

function rethrow:
  pushq %rbp
  movq %rsp, %rbp
  movq (%rdi), %r10
  movq 8(%r10), %r10
  addq $0x10, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
block0:
  testq %rdx, %rdx
  jz #trap=user10
  movq (%rdx), %r10
  movq %rdx, %rcx
  movq 0x58(%rdi), %r11
  movq 8(%r11), %r11
  cmpq %r11, %r10
  jz      label2; j label1
block2:
  movq %rcx, %rsi
  movq 8(%rsi), %rax
  movq (%rax), %rax
  jmp     label3
block3:
  jmp     label4
block4:
  movq %rbp, %rsp
  popq %rbp
  retq
block1:
  load_ext_name userextname0+0, %rax
  movq %rcx, %rsi
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
  movq %r12, 0x18(%rsp)
block0:
  movl %edx, %eax
  leaq <offset:1>+(%rsp), %rdx
  movq %rax, <offset:1>+(%rsp)
  movq 0x28(%rdi), %rax
  movq %rdi, %r12
  movq (%rax), %rsi
  movl $0x1, %ecx
  load_ext_name userextname0+0, %rax
  call    *%rax
  cmpb $0x1, %al
  jz      label6; j label1
block2:
  load_ext_name userextname1+0, %rax
  call    *%rax
  jmp     label3
block3:
  movl $0xfffffffe, %eax
  jmp     label8
block4:
  load_ext_name userextname1+0, %rax
  call    *%rax
  movq 8(%rbx), %rax
  movl (%rax), %eax
  jmp     label5
block5:
  jmp     label8
block6:
  movl <offset:1>+(%rsp), %eax
  jmp     label7
block7:
  jmp     label8
block8:
  movq 0x10(%rsp), %rbx
  movq 0x18(%rsp), %r12
  addq $0x20, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
block1:
  cmpb $0x2, %al
  jnz #trap=user250
  movq <offset:1>+(%rsp), %rbx
  movq (%rbx), %rax
  movq %r12, %rdi
  movq 0x58(%rdi), %rcx
  movq (%rcx), %rcx
  cmpq %rcx, %rax
  jz      label4; j label2

