function copy:
  pushq %rbp
  movq %rsp, %rbp
block0:
  movq 8(%rdi), %rax
  movq 8(%rax), %r11
  movl %ecx, %ecx
  leaq 8(%rcx), %rsi
  cmpq %r11, %rsi
  jnbe #trap=heap_oob
  movq (%rax), %rax
  movq (%rax, %rcx), %rcx
  movl %edx, %edx
  leaq 0x10(%rdx), %rsi
  cmpq %r11, %rsi
  jnbe #trap=heap_oob
  movq %rcx, 8(%rax, %rdx)
  jmp     label1
block1:
  movq %rbp, %rsp
  popq %rbp
  retq

