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
  0020  jb 0000000000000110h
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
  0068  je 00000000000000EEh
  006e  test al,al
  0070  je 0000000000000112h
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
  00e4  jmp 00000000000000EEh
  00e9  jmp 0000000000000112h
  00ee  mov eax,[rsp]
  00f6  lea rsp,[rbp-10h]
  00fd  pop r15
  00ff  pop r14
  0101  pop rbp
  0102  ret
  0103  mov rax,[rsp]
  010b  jmp 00000000000000F6h
  0110  ud2    ; trap: Code(StackOverflow)
  0112  ud2    ; trap: Propagate

function local:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000012Ah
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
  00c3  jmp 0000000000000105h
  00c8  mov rdi,r14
  00cb  mov rsi,[rbp-40h]
  00d2  mov edx,0
  00d7  mov r11,<ExnCatch>
  00e1  call r11
  00e4  jmp 000000000000010Ah
  00e9  mov rdi,r14
  00ec  mov rsi,[rbp-40h]
  00f3  mov r11,<ExnRaise>
  00fd  call r11
  0100  jmp 000000000000012Ch
  0105  jmp 000000000000011Dh
  010a  mov eax,0FFFFFFFFh
  0110  lea rsp,[rbp-10h]
  0117  pop r15
  0119  pop r14
  011b  pop rbp
  011c  ret
  011d  mov rax,[rsp]
  0125  jmp 0000000000000110h
  012a  ud2    ; trap: Code(StackOverflow)
  012c  ud2    ; trap: Propagate

function rethrow:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000AEh
  0026  mov [rbp-20h],rdx
  002d  mov rax,rdx
  0030  test rax,rax
  0033  je 00000000000000ACh
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
  007e  jmp 000000000000009Fh
  0083  mov rdi,r14
  0086  mov rsi,[rbp-40h]
  008d  mov r11,<ExnRaise>
  0097  call r11
  009a  jmp 00000000000000B0h
  009f  lea rsp,[rbp-10h]
  00a6  pop r15
  00a8  pop r14
  00aa  pop rbp
  00ab  ret
  00ac  ud2    ; trap: Code(NullReference)
  00ae  ud2    ; trap: Code(StackOverflow)
  00b0  ud2    ; trap: Propagate

