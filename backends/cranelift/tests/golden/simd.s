function dot:
  pushq %rbp
  movq %rsp, %rbp
block0:
  movq 8(%rdi), %r11
  movq (%r11), %r11
  movl %edx, %eax
  vmovdqu (%r11, %rax), %xmm0
  vmovdqu 0x10(%r11, %rax), %xmm1
  jmp     label1
block1:
  vpaddd %xmm1, %xmm0, %xmm0
  vpblendw $0x0, %xmm0, %xmm0, %xmm1
  vpmaddwd %xmm1, %xmm0, %xmm0
  vpextrd $0x0, %xmm0, %eax
  movq %rbp, %rsp
  popq %rbp
  retq

