function g:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000133h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov rax,rdx
  0033  mov [rsp],rax
  003b  mov rax,[r14+28h]
  0042  mov rax,[rax]
  0049  mov r11,[rax]
  0050  mov r10,[r11+8]
  0057  test r10,r10
  005a  je 000000000000007Ah
  0060  mov rdi,[rax+8]
  0067  mov rsi,r14
  006a  mov rdx,[rsp]
  0072  call r10
  0075  jmp 00000000000000A4h
  007a  mov rdi,rax
  007d  mov rsi,r14
  0080  lea rdx,[rsp]
  0088  mov ecx,1
  008d  call qword ptr [r11]
  0094  test al,al
  0096  je 0000000000000135h
  009c  mov rax,[rsp]
  00a4  mov eax,eax
  00a6  mov [rsp],rax
  00ae  mov rax,[r14+28h]
  00b5  mov rax,[rax+10h]
  00bc  mov r11,[rax]
  00c3  mov r10,[r11+8]
  00ca  test r10,r10
  00cd  je 00000000000000EDh
  00d3  mov rdi,[rax+8]
  00da  mov rsi,r14
  00dd  mov rdx,[rsp]
  00e5  call r10
  00e8  jmp 0000000000000117h
  00ed  mov rdi,rax
  00f0  mov rsi,r14
  00f3  lea rdx,[rsp]
  00fb  mov ecx,1
  0100  call qword ptr [r11]
  0107  test al,al
  0109  je 0000000000000135h
  010f  mov rax,[rsp]
  0117  mov eax,eax
  0119  lea rsp,[rbp-10h]
  0120  pop r15
  0122  pop r14
  0124  pop rbp
  0125  ret
  0126  mov rax,[rsp]
  012e  jmp 0000000000000119h
  0133  ud2    ; trap: Code(StackOverflow)
  0135  ud2    ; trap: Propagate

function h:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000011Fh
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov rax,rdx
  0033  mov [rsp],rax
  003b  mov dword ptr [rsp+10h],1
  0046  mov dword ptr [rsp+14h],0
  0051  mov eax,[rsp+10h]
  0058  mov r11,[r14+18h]
  005f  mov r11,[r11]
  0066  cmp rax,[r11+8]
  006d  jae 0000000000000119h
  0073  mov r11,[r11]
  007a  mov rax,[r11+rax*8]
  007e  test rax,rax
  0081  je 000000000000011Bh
  0087  mov r11,[r14+30h]
  008e  mov r11d,[r11]
  0095  cmp r11d,[rax+10h]
  009c  jne 000000000000011Dh
  00a2  mov r11,[rax]
  00a9  mov r10,[r11+8]
  00b0  test r10,r10
  00b3  je 00000000000000D3h
  00b9  mov rdi,[rax+8]
  00c0  mov rsi,r14
  00c3  mov rdx,[rsp]
  00cb  call r10
  00ce  jmp 00000000000000FDh
  00d3  mov rdi,rax
  00d6  mov rsi,r14
  00d9  lea rdx,[rsp]
  00e1  mov ecx,1
  00e6  call qword ptr [r11]
  00ed  test al,al
  00ef  je 0000000000000121h
  00f5  mov rax,[rsp]
  00fd  mov eax,eax
  00ff  lea rsp,[rbp-10h]
  0106  pop r15
  0108  pop r14
  010a  pop rbp
  010b  ret
  010c  mov rax,[rsp]
  0114  jmp 00000000000000FFh
  0119  ud2    ; trap: Code(UndefinedElement)
  011b  ud2    ; trap: Code(UninitializedElement)
  011d  ud2    ; trap: Code(IndirectCallTypeMismatch)
  011f  ud2    ; trap: Code(StackOverflow)
  0121  ud2    ; trap: Propagate

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

