function sum:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000107h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov qword ptr [rbp-30h],0
  003b  mov r11,[r14]
  0042  cmp qword ptr [r11],0
  004d  jl 0000000000000109h
  0053  sub qword ptr [r11],0
  005e  mov r11,[r14]
  0065  cmp qword ptr [r11],0Ch
  0070  jl 0000000000000109h
  0076  sub qword ptr [r11],0Ch
  0081  mov eax,[rbp-20h]
  0088  test eax,eax
  008b  je 00000000000000C3h
  0091  mov eax,[rbp-30h]
  0098  mov ecx,[rbp-20h]
  009f  add eax,ecx
  00a2  mov [rbp-30h],rax
  00a9  mov ecx,[rbp-20h]
  00b0  sub ecx,1
  00b7  mov [rbp-20h],rcx
  00be  jmp 000000000000005Eh
  00c3  mov r11,[r14]
  00ca  cmp qword ptr [r11],1
  00d5  jl 0000000000000109h
  00db  sub qword ptr [r11],1
  00e6  mov eax,[rbp-30h]
  00ed  lea rsp,[rbp-10h]
  00f4  pop r15
  00f6  pop r14
  00f8  pop rbp
  00f9  ret
  00fa  mov rax,[rsp]
  0102  jmp 00000000000000EDh
  0107  ud2    ; trap: Code(StackOverflow)
  0109  ud2    ; trap: Code(OutOfFuel)

