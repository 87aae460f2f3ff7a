function f:
  pushq %rbp
  movq %rsp, %rbp
block0:
  jmp     label1
block1:
  movq %rdx, %rax
  movq %rbp, %rsp
  popq %rbp
  retq

function <wasm function 1>:
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
  uninit  %rax
  xorl %eax, %eax
  movq %rax, %r14
  movq 0x28(%rdi), %rax
  movq %rdi, %r13
  movq (%rax), %r12
  jmp     label1
block1:
  uninit  %r9
  xorl %r9d, %r9d
  leaq <offset:1>+(%rsp), %rbx
  jmp     label2
block2:
  leal 1(%r9), %eax
  movq %rax, <offset:1>+(%rsp)
  movl $0x1, %ecx
  load_ext_name userextname0+0, %rax
  movq %rbx, %rdx
  movq %r12, %rsi
  movq %r13, %rdi
  call    *%rax
  cmpb $0x1, %al
  jz      label6; j label3
block5:
  movq 8(%rsi), %rax
  movl (%rax), %eax
  movq %rax, %r14
  uninit  %rdx
  xorl %edx, %edx
  load_ext_name userextname1+0, %rax
  call    *%rax
  movq %r14, %rax
  jmp     label13
block6:
  movq %r13, %rdi
  movl <offset:1>+(%rsp), %r9d
  movq %r15, %rdx
  cmpl %edx, %r9d
  jb      label7; j label8
block7:
  movq %rdi, %r13
  movq %rdx, %r15
  jmp     label2
block8:
  jmp     label9
block9:
  movq %r14, %rax
  leal 1(%rax), %eax
  cmpl %edx, %eax
  jb      label10; j label11
block10:
  movq %rdi, %r13
  movq %rax, %r14
  movq %rdx, %r15
  jmp     label1
block11:
  jmp     label12
block12:
  jmp     label13
block13:
  jmp     label14
block14:
  movq 0x10(%rsp), %rbx
  movq 0x18(%rsp), %r12
  movq 0x20(%rsp), %r13
  movq 0x28(%rsp), %r14
  movq 0x30(%rsp), %r15
  addq $0x40, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
block3:
  cmpb $0x2, %al
  jnz #trap=user250
  movq <offset:1>+(%rsp), %rsi
  movq (%rsi), %rax
  movq %r13, %rdi
  movq 0x58(%rdi), %rcx
  movq (%rcx), %rcx
  cmpq %rcx, %rax
  jz      label5; j label4
block4:
  load_ext_name userextname2+0, %rax
  call    *%rax
  ud2

OSR entry at loop 0x3d (outer loop 0x3d):
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
  movl (%rdx), %r13d
  movl 0x10(%rdx), %eax
  movq %rax, %r15
  movl 0x20(%rdx), %eax
  movq 0x28(%rdi), %rax
  movq %rdi, %r14
  movq (%rax), %rbx
  jmp     label1
block1:
  uninit  %r10
  xorl %r10d, %r10d
  leaq <offset:1>+(%rsp), %r12
  jmp     label2
block2:
  leal 1(%r10), %eax
  movq %rax, <offset:1>+(%rsp)
  movl $0x1, %ecx
  load_ext_name userextname0+0, %rax
  movq %r12, %rdx
  movq %rbx, %rsi
  movq %r14, %rdi
  call    *%rax
  cmpb $0x1, %al
  jz      label6; j label3
block5:
  movq 8(%rsi), %rax
  movl (%rax), %eax
  movq %rax, %r15
  uninit  %rdx
  xorl %edx, %edx
  load_ext_name userextname1+0, %rax
  call    *%rax
  movq %r15, %rax
  jmp     label13
block6:
  movq %r14, %rdi
  movl <offset:1>+(%rsp), %r10d
  cmpl %r13d, %r10d
  jb      label7; j label8
block7:
  movq %rdi, %r14
  jmp     label2
block8:
  jmp     label9
block9:
  movq %r15, %rax
  leal 1(%rax), %eax
  cmpl %r13d, %eax
  jb      label10; j label11
block10:
  movq %rdi, %r14
  movq %rax, %r15
  jmp     label1
block11:
  jmp     label12
block12:
  jmp     label13
block13:
  jmp     label14
block14:
  movq 0x10(%rsp), %rbx
  movq 0x18(%rsp), %r12
  movq 0x20(%rsp), %r13
  movq 0x28(%rsp), %r14
  movq 0x30(%rsp), %r15
  addq $0x40, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
block3:
  cmpb $0x2, %al
  jnz #trap=user250
  movq <offset:1>+(%rsp), %rsi
  movq (%rsi), %rax
  movq %r14, %rdi
  movq 0x58(%rdi), %rcx
  movq (%rcx), %rcx
  cmpq %rcx, %rax
  jz      label5; j label4
block4:
  load_ext_name userextname2+0, %rax
  call    *%rax
  ud2

OSR entry at loop 0x43 (outer loop 0x3d):
  pushq %rbp
  movq %rsp, %rbp
  movq (%rdi), %r10
  movq 8(%r10), %r10
  addq $0x60, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
  subq $0x50, %rsp
  movq %rbx, 0x20(%rsp)
  movq %r12, 0x28(%rsp)
  movq %r13, 0x30(%rsp)
  movq %r14, 0x38(%rsp)
  movq %r15, 0x40(%rsp)
block0:
  movl (%rdx), %r14d
  movl 0x10(%rdx), %r13d
  movl 0x20(%rdx), %esi
  leaq <offset:1>+(%rsp), %rbx
  movq 0x28(%rdi), %rax
  movq %rdi, %r15
  movq (%rax), %r12
  jmp     label1
block1:
  leal 1(%rsi), %eax
  movq %rax, <offset:1>+(%rsp)
  movl $0x1, %ecx
  load_ext_name userextname0+0, %rax
  movq %rbx, %rdx
  movq %r12, %rsi
  movq %r15, %rdi
  call    *%rax
  cmpb $0x1, %al
  jz      label5; j label2
block4:
  movq 8(%rsi), %rax
  movl (%rax), %eax
  movq %rax, %r13
  uninit  %rdx
  xorl %edx, %edx
  load_ext_name userextname1+0, %rax
  movq %r15, %rdi
  call    *%rax
  jmp     label23
block5:
  movl <offset:1>+(%rsp), %esi
  cmpl %r14d, %esi
  jb      label6; j label7
block6:
  jmp     label1
block7:
  jmp     label8
block8:
  leal 1(%r13), %ecx
  uninit  %rdx
  xorl %edx, %edx
  movq %rdx, <offset:1>+0x10(%rsp)
  cmpl %r14d, %ecx
  movq %rcx, %r13
  jb      label9; j label10
block9:
  jmp     label11
block10:
  jmp     label22
block11:
  movq <offset:1>+0x10(%rsp), %rcx
  jmp     label12
block12:
  leal 1(%rcx), %esi
  movq %rsi, <offset:1>+(%rsp)
  movl $0x1, %ecx
  load_ext_name userextname0+0, %r8
  movq %rbx, %rdx
  movq %r12, %rsi
  movq %r15, %rdi
  call    *%r8
  cmpb $0x1, %al
  jz      label16; j label13
block15:
  movq 8(%rsi), %rax
  movl (%rax), %eax
  movq %rax, %r13
  load_ext_name userextname1+0, %rax
  movq <offset:1>+0x10(%rsp), %rdx
  movq %r15, %rdi
  call    *%rax
  jmp     label23
block16:
  movq <offset:1>+0x10(%rsp), %rdx
  movl <offset:1>+(%rsp), %ecx
  cmpl %r14d, %ecx
  jb      label17; j label18
block17:
  movq %rdx, <offset:1>+0x10(%rsp)
  jmp     label12
block18:
  jmp     label19
block19:
  movq %r13, %rax
  leal 1(%rax), %eax
  movq %rax, %r13
  cmpl %r14d, %eax
  jb      label20; j label21
block20:
  movq %rdx, <offset:1>+0x10(%rsp)
  jmp     label11
block21:
  jmp     label22
block22:
  jmp     label23
block23:
  jmp     label24
block24:
  movq %r13, %rax
  movq 0x20(%rsp), %rbx
  movq 0x28(%rsp), %r12
  movq 0x30(%rsp), %r13
  movq 0x38(%rsp), %r14
  movq 0x40(%rsp), %r15
  addq $0x50, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
block2:
  cmpb $0x2, %al
  jnz #trap=user250
  movq <offset:1>+(%rsp), %rsi
  movq (%rsi), %rax
  movq %r15, %rdi
  movq 0x58(%rdi), %rcx
  movq (%rcx), %rcx
  cmpq %rcx, %rax
  jz      label4; j label3
block3:
  load_ext_name userextname2+0, %rax
  movq %r15, %rdi
  call    *%rax
  ud2
block13:
  cmpb $0x2, %al
  jnz #trap=user250
  movq <offset:1>+(%rsp), %rsi
  movq (%rsi), %r9
  movq %r15, %rdi
  movq 0x58(%rdi), %r10
  movq (%r10), %r10
  cmpq %r10, %r9
  jz      label15; j label14
block14:
  load_ext_name userextname2+0, %r11
  movq %r15, %rdi
  call    *%r11
  ud2

