function load:
  pushq %rbp
  movq %rsp, %rbp
block0:
  movq 8(%rdi), %rdi
  movq 8(%rdi), %r8
  movq %rdx, %r9
  addq $0x10, %r9
  jb #trap=heap_oob
  cmpq %r8, %r9
  jnbe #trap=heap_oob
  movq (%rdi), %r10
  movq 8(%r10, %rdx), %rax
  jmp     label1
block1:
  movq %rbp, %rsp
  popq %rbp
  retq

function store_far:
  pushq %rbp
  movq %rsp, %rbp
block0:
  movq 8(%rdi), %r8
  movq 8(%r8), %r9
  movq %rdx, %r10
  addq (%rip), %r10
  jb #trap=heap_oob
  cmpq %r9, %r10
  jnbe #trap=heap_oob
  addq (%r8), %rdx
  movabsq $0x100000000, %r11
  movl %ecx, (%rdx, %r11)
  jmp     label1
block1:
  movq %rbp, %rsp
  popq %rbp
  retq

function overflow:
  pushq %rbp
  movq %rsp, %rbp
block0:
  movq 8(%rdi), %rdi
  movq 8(%rdi), %r8
  movq %rdx, %r9
  addq $0xffffffffffffffff, %r9
  jb #trap=heap_oob
  cmpq %r8, %r9
  jnbe #trap=heap_oob
  movq (%rdi), %r10
  movzbq -1(%r10, %rdx), %rax
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
  addq $0x20, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
  subq $0x10, %rsp
  movq %r14, (%rsp)
block0:
  uninit  %rsi
  xorl %esi, %esi
  load_ext_name userextname0+0, %r10
  movq %rdi, %r14
  call    *%r10
  cmpq $0xfffffffffffffffe, %rax
  jz #trap=user250
  movq 8(%r14), %rcx
  movq 8(%rcx), %r11
  jmp     label1
block1:
  shrq $0x10, %r11
  leaq (%rax, %r11), %rax
  movq (%rsp), %r14
  addq $0x10, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq

function indirect:
  pushq %rbp
  movq %rsp, %rbp
  movq (%rdi), %r10
  movq 8(%r10), %r10
  addq $0x10, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
block0:
  movq 0x60(%rdi), %rax
  movq %rdi, %rsi
  cmpq 8(%rax), %rdx
  jnb #trap=user4
  movq (%rax), %rax
  movq (%rax, %rdx, 8), %rdi
  testq %rdi, %rdi
  jz #trap=user5
  movl 0x10(%rdi), %eax
  movq %rsi, %rcx
  movq 0x30(%rcx), %rdx
  cmpl (%rdx), %eax
  jnz #trap=user6
  movq (%rdi), %rax
  movq 8(%rax), %rax
  testq %rax, %rax
  jnz     label2; j label1
block2:
  movq 8(%rdi), %rdi
  call    *%rax
  jmp     label3
block3:
  jmp     label4
block4:
  movq %rbp, %rsp
  popq %rbp
  retq
block1:
  load_ext_name userextname0+0, %rax
  call    *%rax
  jmp     label3

function table:
  pushq %rbp
  movq %rsp, %rbp
  movq (%rdi), %r10
  movq 8(%r10), %r10
  addq $0x20, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
  subq $0x10, %rsp
  movq %r12, (%rsp)
block0:
  movq 0x60(%rdi), %r12
  cmpq 8(%r12), %rdx
  jnb #trap=user3
  movq (%r12), %rax
  movq (%rax, %rdx, 8), %rdx
  uninit  %rsi
  xorl %esi, %esi
  movl $0x1, %ecx
  load_ext_name userextname0+0, %rax
  call    *%rax
  cmpq $0xfffffffffffffffe, %rax
  jz #trap=user250
  movq 8(%r12), %rcx
  jmp     label1
block1:
  leaq (%rax, %rcx), %rax
  movq (%rsp), %r12
  addq $0x10, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq

