function self:
  pushq %rbp
  movq %rsp, %rbp
  movq (%rdi), %r10
  movq 8(%r10), %r10
  addq $0x10, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
block0:
  movq %rdi, %rsi
  return_call_known User(userextname0) (0) tmp=%r11 %rdi=%rdi %rsi=%rsi %rdx=%rdx

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
  movq %rdi, %r8
  movq 8(%rax), %rcx
  testq %rcx, %rcx
  jz #trap=user4
  movq (%rax), %rax
  movq (%rax), %rdi
  testq %rdi, %rdi
  jz #trap=user5
  movl 0x10(%rdi), %eax
  movq %r8, %rcx
  movq 0x30(%rcx), %rsi
  cmpl (%rsi), %eax
  jnz #trap=user6
  movq (%rdi), %rax
  movq 8(%rax), %r10
  testq %r10, %r10
  jnz     label2; j label1
block2:
  movq %r8, %rsi
  movq 8(%rdi), %rdi
  return_call_unknown %r10 (0) tmp=%r11 %rdi=%rdi %rsi=%rsi %rdx=%rdx
block1:
  load_ext_name userextname0+0, %r10
  movq %r8, %rsi
  return_call_unknown %r10 (0) tmp=%r11 %rdi=%rdi %rsi=%rsi %rdx=%rdx

function to_host:
  pushq %rbp
  movq %rsp, %rbp
  movq (%rdi), %r10
  movq 8(%r10), %r10
  addq $0x10, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
block0:
  movq 0x28(%rdi), %r10
  movq %rdi, %rsi
  movq (%r10), %rdi
  movq (%rdi), %r10
  movq 8(%r10), %r10
  testq %r10, %r10
  jnz     label2; j label1
block2:
  movq 8(%rdi), %rdi
  return_call_unknown %r10 (0) tmp=%r11 %rdi=%rdi %rsi=%rsi %rdx=%rdx
block1:
  load_ext_name userextname0+0, %r10
  return_call_unknown %r10 (0) tmp=%r11 %rdi=%rdi %rsi=%rsi %rdx=%rdx

function wide:
  pushq %rbp
  movq %rsp, %rbp
  movq (%rdi), %r10
  movq 8(%r10), %r10
  addq $0x10, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
block0:
  movq <offset:0>+-0x10(%rbp), %rsi
  movq %rsi, <offset:0>+-0x10(%rbp)
  movq %rdi, %rsi
  return_call_known User(userextname0) (16) tmp=%r11 %rdi=%rdi %rsi=%rsi %rdx=%rdx %rcx=%rcx %r8=%r8 %r9=%r9

function nine:
  pushq %rbp
  movq %rsp, %rbp
block0:
  jmp     label1
block1:
  movq $0x1, (%rcx)
  movq $0x2, 0x10(%rcx)
  movq $0x3, 0x20(%rcx)
  movq $0x4, 0x30(%rcx)
  movq $0x5, 0x40(%rcx)
  movq $0x6, 0x50(%rcx)
  movq $0x7, 0x60(%rcx)
  movq $0x8, 0x70(%rcx)
  movq %rdx, 0x80(%rcx)
  movq %rbp, %rsp
  popq %rbp
  retq

function nine_tail:
  pushq %rbp
  movq %rsp, %rbp
  movq (%rdi), %r10
  movq 8(%r10), %r10
  addq $0x10, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
block0:
  movq 0x60(%rdi), %rax
  movq %rdi, %r9
  movq 8(%rax), %rsi
  testq %rsi, %rsi
  jz #trap=user4
  movq (%rax), %rax
  movq (%rax), %rdi
  testq %rdi, %rdi
  jz #trap=user5
  movl 0x10(%rdi), %eax
  movq %r9, %rsi
  movq 0x30(%rsi), %r8
  cmpl 4(%r8), %eax
  jnz #trap=user6
  movq (%rdi), %rax
  movq 8(%rax), %r10
  testq %r10, %r10
  jnz     label2; j label1
block2:
  movq %r9, %rsi
  movq 8(%rdi), %rdi
  return_call_unknown %r10 (0) tmp=%r11 %rdi=%rdi %rsi=%rsi %rdx=%rdx %rcx=%rcx
block1:
  load_ext_name userextname0+0, %r10
  movq %r9, %rsi
  return_call_unknown %r10 (0) tmp=%r11 %rdi=%rdi %rsi=%rsi %rdx=%rdx %rcx=%rcx

function nine_call:
  pushq %rbp
  movq %rsp, %rbp
  movq (%rdi), %r10
  movq 8(%r10), %r10
  addq $0xa0, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
  subq $0x90, %rsp
block0:
  leaq <offset:1>+(%rsp), %rcx
  movq %rdi, %rsi
  call    User(userextname0)
  movq <offset:1>+(%rsp), %rax
  movq <offset:1>+0x10(%rsp), %rcx
  movq <offset:1>+0x20(%rsp), %rcx
  movq <offset:1>+0x30(%rsp), %rcx
  movq <offset:1>+0x40(%rsp), %rcx
  movq <offset:1>+0x50(%rsp), %rcx
  movq <offset:1>+0x60(%rsp), %rcx
  movq <offset:1>+0x70(%rsp), %rcx
  movq <offset:1>+0x80(%rsp), %rcx
  jmp     label1
block1:
  addq $0x90, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq

