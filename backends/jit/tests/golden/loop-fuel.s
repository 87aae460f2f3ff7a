function sum:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000105h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov qword ptr [rbp-30h],0
  003b  mov r11,[r14]
  0042  cmp qword ptr [r11],0
  004d  jl 0000000000000107h
  0053  sub qword ptr [r11],0
  005e  mov r11,[r14]
  0065  cmp qword ptr [r11],0Ch
  0070  jl 0000000000000107h
  0076  sub qword ptr [r11],0Ch
  0081  mov ecx,[rbp-20h]
  0088  mov rax,rcx
  008b  test eax,eax
  008e  je 00000000000000BEh
  0094  mov edx,[rbp-30h]
  009b  mov rax,rdx
  009e  add eax,ecx
  00a1  mov [rbp-30h],rax
  00a8  mov rdx,rcx
  00ab  sub edx,1
  00b2  mov [rbp-20h],rdx
  00b9  jmp 000000000000005Eh
  00be  mov r11,[r14]
  00c5  cmp qword ptr [r11],1
  00d0  jl 0000000000000107h
  00d6  sub qword ptr [r11],1
  00e1  mov ecx,[rbp-30h]
  00e8  mov rax,rcx
  00eb  lea rsp,[rbp-10h]
  00f2  pop r15
  00f4  pop r14
  00f6  pop rbp
  00f7  ret
  00f8  mov rax,[rsp]
  0100  jmp 00000000000000EBh
  0105  ud2    ; trap: Code(StackOverflow)
  0107  ud2    ; trap: Code(OutOfFuel)
  0109  mov r11,rdx
  010c  mov edx,[r11]
  0114  jmp 0

