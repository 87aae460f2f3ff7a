function local:
  pushq %rbp
  movq %rsp, %rbp
block0:
  jmp     label1
block1:
  movq %rdx, %rax
  movq %rbp, %rsp
  popq %rbp
  retq

function calls:
  pushq %rbp
  movq %rsp, %rbp
  movq (%rdi), %r10
  movq 8(%r10), %r10
  addq $0x20, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
  subq $0x10, %rsp
  movq %rbx, (%rsp)
block0:
  movq %rdi, %rbx
  movq %rbx, %rsi
  call    User(userextname0)
  movq %rax, %rdx
  movq 0x28(%rbx), %rax
  movq (%rax), %rdi
  movq (%rdi), %rax
  movq 8(%rax), %rcx
  testq %rcx, %rcx
  jnz     label2; j label1
block2:
  movq 8(%rdi), %rdi
  movq %rbx, %rsi
  call    *%rcx
  movq %rax, %rdx
  jmp     label3
block3:
  movq 0x60(%rbx), %rcx
  movq 8(%rcx), %rax
  testq %rax, %rax
  jz #trap=user4
  movq (%rcx), %rax
  movq (%rax), %rdi
  testq %rdi, %rdi
  jz #trap=user5
  movl 0x10(%rdi), %eax
  movq 0x30(%rbx), %rcx
  movq %rbx, %rsi
  cmpl (%rcx), %eax
  jnz #trap=user6
  movq (%rdi), %rax
  movq 8(%rax), %rax
  testq %rax, %rax
  jnz     label5; j label4
block5:
  movq 8(%rdi), %rdi
  call    *%rax
  jmp     label6
block6:
  jmp     label7
block7:
  movq (%rsp), %rbx
  addq $0x10, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
block1:
  load_ext_name userextname1+0, %rax
  movq %rbx, %rsi
  call    *%rax
  movq %rax, %rdx
  jmp     label3
block4:
  load_ext_name userextname1+0, %rax
  call    *%rax
  jmp     label6

