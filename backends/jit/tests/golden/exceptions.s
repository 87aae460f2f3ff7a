function thrower:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000008Dh
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov [rsp],rdx
  0038  mov rdi,r14
  003b  mov esi,0
  0040  lea rdx,[rsp]
  0048  mov r11,<ExnNew>
  0052  call r11
  0055  mov [rbp-40h],rax
  005c  mov rdi,r14
  005f  mov rsi,[rbp-40h]
  0066  mov r11,<ExnRaise>
  0070  call r11
  0073  jmp 000000000000008Fh
  0078  mov rax,[rsp]
  0080  lea rsp,[rbp-10h]
  0087  pop r15
  0089  pop r14
  008b  pop rbp
  008c  ret
  008d  ud2    ; trap: Code(StackOverflow)
  008f  ud2    ; trap: Propagate

function catching:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000104h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov [rsp],rdx
  0038  mov rax,[r14+28h]
  003f  mov rax,[rax]
  0046  mov rdi,r14
  0049  mov rsi,rax
  004c  lea rdx,[rsp]
  0054  mov ecx,1
  0059  mov r11,<CallCatching>
  0063  call r11
  0066  cmp al,1
  0068  je 00000000000000E2h
  006e  test al,al
  0070  je 0000000000000106h
  0076  mov rax,[rsp]
  007e  mov [rbp-40h],rax
  0085  mov rax,[rbp-40h]
  008c  mov r11,[r14+58h]
  0093  mov r11,[r11]
  009a  cmp r11,[rax]
  00a1  jne 00000000000000DDh
  00a7  mov rdi,r14
  00aa  mov r11,<ExnCatch>
  00b4  call r11
  00b7  mov rax,[rbp-40h]
  00be  mov r11,[rax+8]
  00c5  movdqu xmm15,[r11]
  00ce  movdqu [rsp],xmm15
  00d8  jmp 00000000000000E2h
  00dd  jmp 0000000000000106h
  00e2  mov eax,[rsp]
  00ea  lea rsp,[rbp-10h]
  00f1  pop r15
  00f3  pop r14
  00f5  pop rbp
  00f6  ret
  00f7  mov rax,[rsp]
  00ff  jmp 00000000000000EAh
  0104  ud2    ; trap: Code(StackOverflow)
  0106  ud2    ; trap: Propagate

function local:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000112h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov [rsp],rdx
  0038  mov rdi,r14
  003b  mov esi,0
  0040  lea rdx,[rsp]
  0048  mov r11,<ExnNew>
  0052  call r11
  0055  mov [rbp-40h],rax
  005c  mov rax,[rbp-40h]
  0063  mov r11,[r14+58h]
  006a  mov r11,[r11]
  0071  cmp r11,[rax]
  0078  jne 00000000000000BCh
  007e  mov rdi,r14
  0081  mov r11,<ExnCatch>
  008b  call r11
  008e  mov rax,[rbp-40h]
  0095  mov r11,[rax+8]
  009c  movdqu xmm15,[r11]
  00a5  movdqu [rsp],xmm15
  00af  mov [rsp+10h],rax
  00b7  jmp 00000000000000EDh
  00bc  mov rdi,r14
  00bf  mov r11,<ExnCatch>
  00c9  call r11
  00cc  jmp 00000000000000F2h
  00d1  mov rdi,r14
  00d4  mov rsi,[rbp-40h]
  00db  mov r11,<ExnRaise>
  00e5  call r11
  00e8  jmp 0000000000000114h
  00ed  jmp 0000000000000105h
  00f2  mov eax,0FFFFFFFFh
  00f8  lea rsp,[rbp-10h]
  00ff  pop r15
  0101  pop r14
  0103  pop rbp
  0104  ret
  0105  mov rax,[rsp]
  010d  jmp 00000000000000F8h
  0112  ud2    ; trap: Code(StackOverflow)
  0114  ud2    ; trap: Propagate

function rethrow:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000A2h
  0026  mov [rbp-20h],rdx
  002d  mov rax,rdx
  0030  test rax,rax
  0033  je 00000000000000A0h
  0039  mov [rbp-40h],rax
  0040  mov rax,[rbp-40h]
  0047  mov r11,[r14+58h]
  004e  mov r11,[r11+8]
  0055  cmp r11,[rax]
  005c  jne 0000000000000077h
  0062  mov rdi,r14
  0065  mov r11,<ExnCatch>
  006f  call r11
  0072  jmp 0000000000000093h
  0077  mov rdi,r14
  007a  mov rsi,[rbp-40h]
  0081  mov r11,<ExnRaise>
  008b  call r11
  008e  jmp 00000000000000A4h
  0093  lea rsp,[rbp-10h]
  009a  pop r15
  009c  pop r14
  009e  pop rbp
  009f  ret
  00a0  ud2    ; trap: Code(NullReference)
  00a2  ud2    ; trap: Code(StackOverflow)
  00a4  ud2    ; trap: Propagate

