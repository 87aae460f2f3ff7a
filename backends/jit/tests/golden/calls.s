function g:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000139h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov eax,[rbp-20h]
  0037  mov [rsp],rax
  003f  mov rax,[r14+28h]
  0046  mov rax,[rax]
  004d  mov r11,[rax]
  0054  mov r10,[r11+8]
  005b  test r10,r10
  005e  je 0000000000000089h
  0064  mov rdi,[rax+8]
  006b  mov rsi,r14
  006e  mov rdx,[rsp]
  0076  call r10
  0079  mov eax,eax
  007c  mov [rsp],rax
  0084  jmp 00000000000000ABh
  0089  mov rdi,rax
  008c  mov rsi,r14
  008f  lea rdx,[rsp]
  0097  mov ecx,1
  009c  call qword ptr [r11]
  00a3  test al,al
  00a5  je 000000000000013Bh
  00ab  mov rax,[r14+28h]
  00b2  mov rax,[rax+10h]
  00b9  mov r11,[rax]
  00c0  mov r10,[r11+8]
  00c7  test r10,r10
  00ca  je 00000000000000F5h
  00d0  mov rdi,[rax+8]
  00d7  mov rsi,r14
  00da  mov rdx,[rsp]
  00e2  call r10
  00e5  mov eax,eax
  00e8  mov [rsp],rax
  00f0  jmp 0000000000000117h
  00f5  mov rdi,rax
  00f8  mov rsi,r14
  00fb  lea rdx,[rsp]
  0103  mov ecx,1
  0108  call qword ptr [r11]
  010f  test al,al
  0111  je 000000000000013Bh
  0117  mov eax,[rsp]
  011f  lea rsp,[rbp-10h]
  0126  pop r15
  0128  pop r14
  012a  pop rbp
  012b  ret
  012c  mov rax,[rsp]
  0134  jmp 000000000000011Fh
  0139  ud2    ; trap: Code(StackOverflow)
  013b  ud2    ; trap: Propagate

function h:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000012Ch
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov eax,[rbp-20h]
  0037  mov [rsp],rax
  003f  mov dword ptr [rsp+10h],1
  004a  mov dword ptr [rsp+14h],0
  0055  mov eax,[rsp+10h]
  005c  mov r11,[r14+18h]
  0063  mov r11,[r11]
  006a  cmp rax,[r11+8]
  0071  jae 0000000000000126h
  0077  mov r11,[r11]
  007e  mov rax,[r11+rax*8]
  0082  test rax,rax
  0085  je 0000000000000128h
  008b  mov r11,[r14+30h]
  0092  mov r11d,[r11]
  0099  cmp r11d,[rax+10h]
  00a0  jne 000000000000012Ah
  00a6  mov r11,[rax]
  00ad  mov r10,[r11+8]
  00b4  test r10,r10
  00b7  je 00000000000000E2h
  00bd  mov rdi,[rax+8]
  00c4  mov rsi,r14
  00c7  mov rdx,[rsp]
  00cf  call r10
  00d2  mov eax,eax
  00d5  mov [rsp],rax
  00dd  jmp 0000000000000104h
  00e2  mov rdi,rax
  00e5  mov rsi,r14
  00e8  lea rdx,[rsp]
  00f0  mov ecx,1
  00f5  call qword ptr [r11]
  00fc  test al,al
  00fe  je 000000000000012Eh
  0104  mov eax,[rsp]
  010c  lea rsp,[rbp-10h]
  0113  pop r15
  0115  pop r14
  0117  pop rbp
  0118  ret
  0119  mov rax,[rsp]
  0121  jmp 000000000000010Ch
  0126  ud2    ; trap: Code(UndefinedElement)
  0128  ud2    ; trap: Code(UninitializedElement)
  012a  ud2    ; trap: Code(IndirectCallTypeMismatch)
  012c  ud2    ; trap: Code(StackOverflow)
  012e  ud2    ; trap: Propagate

function many:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,80h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000A9h
  0026  mov [rbp-70h],rdx
  002d  mov r11,[rdx]
  0034  mov [rbp-20h],r11
  003b  mov r11,[rdx+10h]
  0042  mov [rbp-30h],r11
  0049  mov r11,[rdx+20h]
  0050  mov [rbp-40h],r11
  0057  mov r11,[rdx+30h]
  005e  mov [rbp-50h],r11
  0065  mov r11,[rdx+40h]
  006c  mov [rbp-60h],r11
  0073  mov rax,[rbp-60h]
  007a  mov [rsp],rax
  0082  mov r11,[rbp-70h]
  0089  movdqu xmm15,[rsp]
  0093  movdqu [r11],xmm15
  009c  lea rsp,[rbp-10h]
  00a3  pop r15
  00a5  pop r14
  00a7  pop rbp
  00a8  ret
  00a9  ud2    ; trap: Code(StackOverflow)

