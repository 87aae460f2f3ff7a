function sum:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000104h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov qword ptr [rbp-30h],0
  003b  mov r11,[r14]
  0042  cmp qword ptr [r11],0
  004d  jl 0000000000000106h
  0053  sub qword ptr [r11],0
  005e  mov r11,[r14]
  0065  cmp qword ptr [r11],0Ch
  0070  jl 0000000000000106h
  0076  sub qword ptr [r11],0Ch
  0081  mov eax,[rbp-20h]
  0088  test eax,eax
  008b  je 00000000000000C0h
  0091  mov eax,[rbp-30h]
  0098  add eax,[rbp-20h]
  009f  mov [rbp-30h],rax
  00a6  mov ecx,[rbp-20h]
  00ad  sub ecx,1
  00b4  mov [rbp-20h],rcx
  00bb  jmp 000000000000005Eh
  00c0  mov r11,[r14]
  00c7  cmp qword ptr [r11],1
  00d2  jl 0000000000000106h
  00d8  sub qword ptr [r11],1
  00e3  mov eax,[rbp-30h]
  00ea  lea rsp,[rbp-10h]
  00f1  pop r15
  00f3  pop r14
  00f5  pop rbp
  00f6  ret
  00f7  mov rax,[rsp]
  00ff  jmp 00000000000000EAh
  0104  ud2    ; trap: Code(StackOverflow)
  0106  ud2    ; trap: Code(OutOfFuel)

