function thrower:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000009Dh
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
  0073  mov rdi,r14
  0076  mov r11,<Propagate>
  0080  call r11
  0083  jmp 000000000000009Fh
  0088  mov rax,[rsp]
  0090  lea rsp,[rbp-10h]
  0097  pop r15
  0099  pop r14
  009b  pop rbp
  009c  ret
  009d  ud2    ; trap: Code(StackOverflow)
  009f  ud2    ; trap: Propagate
  00a1  mov r11,rdx
  00a4  mov edx,[r11]
  00ac  jmp 0

function catching:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000120h
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
  0068  je 00000000000000FEh
  006e  test al,al
  0070  je 0000000000000122h
  0076  mov rax,[rsp]
  007e  mov [rbp-40h],rax
  0085  mov rax,[rbp-40h]
  008c  mov r11,[r14+58h]
  0093  mov r11,[r11]
  009a  cmp r11,[rax]
  00a1  jne 00000000000000E9h
  00a7  mov rax,[rbp-40h]
  00ae  mov r11,[rax+8]
  00b5  movdqu xmm15,[r11]
  00be  movdqu [rsp],xmm15
  00c8  mov rdi,r14
  00cb  mov rsi,[rbp-40h]
  00d2  mov edx,0
  00d7  mov r11,<ExnCatch>
  00e1  call r11
  00e4  jmp 00000000000000FEh
  00e9  mov rdi,r14
  00ec  mov r11,<Propagate>
  00f6  call r11
  00f9  jmp 0000000000000122h
  00fe  mov eax,[rsp]
  0106  lea rsp,[rbp-10h]
  010d  pop r15
  010f  pop r14
  0111  pop rbp
  0112  ret
  0113  mov rax,[rsp]
  011b  jmp 0000000000000106h
  0120  ud2    ; trap: Code(StackOverflow)
  0122  ud2    ; trap: Propagate
  0124  mov r11,rdx
  0127  mov edx,[r11]
  012f  jmp 0

function local:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000013Ah
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
  0078  jne 00000000000000C8h
  007e  mov rax,[rbp-40h]
  0085  mov r11,[rax+8]
  008c  movdqu xmm15,[r11]
  0095  movdqu [rsp],xmm15
  009f  mov [rsp+10h],rax
  00a7  mov rdi,r14
  00aa  mov rsi,[rbp-40h]
  00b1  mov edx,1
  00b6  mov r11,<ExnCatch>
  00c0  call r11
  00c3  jmp 0000000000000115h
  00c8  mov rdi,r14
  00cb  mov rsi,[rbp-40h]
  00d2  mov edx,0
  00d7  mov r11,<ExnCatch>
  00e1  call r11
  00e4  jmp 000000000000011Ah
  00e9  mov rdi,r14
  00ec  mov rsi,[rbp-40h]
  00f3  mov r11,<ExnRaise>
  00fd  call r11
  0100  mov rdi,r14
  0103  mov r11,<Propagate>
  010d  call r11
  0110  jmp 000000000000013Ch
  0115  jmp 000000000000012Dh
  011a  mov eax,0FFFFFFFFh
  0120  lea rsp,[rbp-10h]
  0127  pop r15
  0129  pop r14
  012b  pop rbp
  012c  ret
  012d  mov rax,[rsp]
  0135  jmp 0000000000000120h
  013a  ud2    ; trap: Code(StackOverflow)
  013c  ud2    ; trap: Propagate
  013e  mov r11,rdx
  0141  mov edx,[r11]
  0149  jmp 0

function rethrow:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000BEh
  0026  mov [rbp-20h],rdx
  002d  mov rax,rdx
  0030  test rax,rax
  0033  je 00000000000000BCh
  0039  mov [rbp-40h],rax
  0040  mov rax,[rbp-40h]
  0047  mov r11,[r14+58h]
  004e  mov r11,[r11+8]
  0055  cmp r11,[rax]
  005c  jne 0000000000000083h
  0062  mov rdi,r14
  0065  mov rsi,[rbp-40h]
  006c  mov edx,0
  0071  mov r11,<ExnCatch>
  007b  call r11
  007e  jmp 00000000000000AFh
  0083  mov rdi,r14
  0086  mov rsi,[rbp-40h]
  008d  mov r11,<ExnRaise>
  0097  call r11
  009a  mov rdi,r14
  009d  mov r11,<Propagate>
  00a7  call r11
  00aa  jmp 00000000000000C0h
  00af  lea rsp,[rbp-10h]
  00b6  pop r15
  00b8  pop r14
  00ba  pop rbp
  00bb  ret
  00bc  ud2    ; trap: Code(NullReference)
  00be  ud2    ; trap: Code(StackOverflow)
  00c0  ud2    ; trap: Propagate
  00c2  mov r11,rdx
  00c5  mov rdx,[r11]
  00cd  jmp 0

