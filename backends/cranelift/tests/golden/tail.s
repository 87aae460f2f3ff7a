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
  movq 0x18(%rdi), %rax
  movq %rdi, %r8
  movq (%rax), %rax
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

