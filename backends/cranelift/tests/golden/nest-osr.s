function <wasm function 0>:
  pushq %rbp
  movq %rsp, %rbp
block0:
  uninit  %rax
  xorl %eax, %eax
  movq 8(%rdi), %rcx
  movq (%rcx), %rcx
  movq %rax, %r9
  jmp     label1
block1:
  uninit  %r11
  xorl %r11d, %r11d
  jmp     label2
block2:
  leal (%r9, %r11), %esi
  movl (%rcx, %rsi), %esi
  leal 4(%r11), %r11d
  leal (%rax, %rsi), %eax
  cmpl %edx, %r11d
  jb      label3; j label4
block3:
  jmp     label2
block4:
  jmp     label5
block5:
  leal 4(%r9), %r9d
  cmpl %edx, %r9d
  jb      label6; j label7
block6:
  jmp     label1
block7:
  jmp     label8
block8:
  jmp     label9
block9:
  movq %rbp, %rsp
  popq %rbp
  retq

OSR entry at loop 0x29 (outer loop 0x29):
  pushq %rbp
  movq %rsp, %rbp
block0:
  movl (%rdx), %ecx
  movl 0x10(%rdx), %esi
  movl 0x20(%rdx), %eax
  movl 0x30(%rdx), %eax
  movq 8(%rdi), %rdx
  movq (%rdx), %rdx
  jmp     label1
block1:
  uninit  %rdi
  xorl %edi, %edi
  jmp     label2
block2:
  leal (%rsi, %rdi), %r8d
  movl (%rdx, %r8), %r8d
  leal 4(%rdi), %edi
  leal (%rax, %r8), %eax
  cmpl %ecx, %edi
  jb      label3; j label4
block3:
  jmp     label2
block4:
  jmp     label5
block5:
  leal 4(%rsi), %esi
  cmpl %ecx, %esi
  jb      label6; j label7
block6:
  jmp     label1
block7:
  jmp     label8
block8:
  jmp     label9
block9:
  movq %rbp, %rsp
  popq %rbp
  retq

OSR entry at loop 0x2f (outer loop 0x29):
  pushq %rbp
  movq %rsp, %rbp
block0:
  movq %rdi, %r8
  movl (%rdx), %ecx
  movl 0x10(%rdx), %esi
  movl 0x20(%rdx), %edi
  movl 0x30(%rdx), %eax
  movq %r8, %rdx
  movq 8(%rdx), %rdx
  movq (%rdx), %rdx
  jmp     label1
block1:
  leal (%rsi, %rdi), %r8d
  movl (%rdx, %r8), %r8d
  leal 4(%rdi), %edi
  leal (%rax, %r8), %eax
  cmpl %ecx, %edi
  jb      label2; j label3
block2:
  jmp     label1
block3:
  jmp     label4
block4:
  leal 4(%rsi), %esi
  cmpl %ecx, %esi
  jb      label5; j label6
block5:
  jmp     label7
block6:
  jmp     label14
block7:
  uninit  %rdi
  xorl %edi, %edi
  jmp     label8
block8:
  leal (%rsi, %rdi), %r8d
  movl (%rdx, %r8), %r8d
  leal 4(%rdi), %edi
  leal (%rax, %r8), %eax
  cmpl %ecx, %edi
  jb      label9; j label10
block9:
  jmp     label8
block10:
  jmp     label11
block11:
  leal 4(%rsi), %esi
  cmpl %ecx, %esi
  jb      label12; j label13
block12:
  jmp     label7
block13:
  jmp     label14
block14:
  jmp     label15
block15:
  movq %rbp, %rsp
  popq %rbp
  retq

