function g:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000130h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov [rsp],rdx
  0038  mov rax,[r14+28h]
  003f  mov rax,[rax]
  0046  mov r11,[rax]
  004d  mov r10,[r11+8]
  0054  test r10,r10
  0057  je 0000000000000077h
  005d  mov rdi,[rax+8]
  0064  mov rsi,r14
  0067  mov rdx,[rsp]
  006f  call r10
  0072  jmp 00000000000000A1h
  0077  mov rdi,rax
  007a  mov rsi,r14
  007d  lea rdx,[rsp]
  0085  mov ecx,1
  008a  call qword ptr [r11]
  0091  test al,al
  0093  je 0000000000000132h
  0099  mov rax,[rsp]
  00a1  mov eax,eax
  00a3  mov [rsp],rax
  00ab  mov rax,[r14+28h]
  00b2  mov rax,[rax+10h]
  00b9  mov r11,[rax]
  00c0  mov r10,[r11+8]
  00c7  test r10,r10
  00ca  je 00000000000000EAh
  00d0  mov rdi,[rax+8]
  00d7  mov rsi,r14
  00da  mov rdx,[rsp]
  00e2  call r10
  00e5  jmp 0000000000000114h
  00ea  mov rdi,rax
  00ed  mov rsi,r14
  00f0  lea rdx,[rsp]
  00f8  mov ecx,1
  00fd  call qword ptr [r11]
  0104  test al,al
  0106  je 0000000000000132h
  010c  mov rax,[rsp]
  0114  mov eax,eax
  0116  lea rsp,[rbp-10h]
  011d  pop r15
  011f  pop r14
  0121  pop rbp
  0122  ret
  0123  mov rax,[rsp]
  012b  jmp 0000000000000116h
  0130  ud2    ; trap: Code(StackOverflow)
  0132  ud2    ; trap: Propagate
  0134  mov r11,rdx
  0137  mov edx,[r11]
  013e  jmp 0

function h:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000011Ch
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov [rsp],rdx
  0038  mov dword ptr [rsp+10h],1
  0043  mov dword ptr [rsp+14h],0
  004e  mov eax,[rsp+10h]
  0055  mov r11,[r14+18h]
  005c  mov r11,[r11]
  0063  cmp rax,[r11+8]
  006a  jae 0000000000000116h
  0070  mov r11,[r11]
  0077  mov rax,[r11+rax*8]
  007b  test rax,rax
  007e  je 0000000000000118h
  0084  mov r11,[r14+30h]
  008b  mov r11d,[r11]
  0092  cmp r11d,[rax+10h]
  0099  jne 000000000000011Ah
  009f  mov r11,[rax]
  00a6  mov r10,[r11+8]
  00ad  test r10,r10
  00b0  je 00000000000000D0h
  00b6  mov rdi,[rax+8]
  00bd  mov rsi,r14
  00c0  mov rdx,[rsp]
  00c8  call r10
  00cb  jmp 00000000000000FAh
  00d0  mov rdi,rax
  00d3  mov rsi,r14
  00d6  lea rdx,[rsp]
  00de  mov ecx,1
  00e3  call qword ptr [r11]
  00ea  test al,al
  00ec  je 000000000000011Eh
  00f2  mov rax,[rsp]
  00fa  mov eax,eax
  00fc  lea rsp,[rbp-10h]
  0103  pop r15
  0105  pop r14
  0107  pop rbp
  0108  ret
  0109  mov rax,[rsp]
  0111  jmp 00000000000000FCh
  0116  ud2    ; trap: Code(UndefinedElement)
  0118  ud2    ; trap: Code(UninitializedElement)
  011a  ud2    ; trap: Code(IndirectCallTypeMismatch)
  011c  ud2    ; trap: Code(StackOverflow)
  011e  ud2    ; trap: Propagate
  0120  mov r11,rdx
  0123  mov edx,[r11]
  012a  jmp 0

function many:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,80h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000090h
  0026  mov r11,[rdx]
  002d  mov [rbp-20h],r11
  0034  mov r11,[rdx+10h]
  003b  mov [rbp-30h],r11
  0042  mov r11,[rdx+20h]
  0049  mov [rbp-40h],r11
  0050  mov r11,[rdx+30h]
  0057  mov [rbp-50h],r11
  005e  mov r11,[rdx+40h]
  0065  mov [rbp-60h],r11
  006c  mov rcx,[rbp-60h]
  0073  mov rax,rcx
  0076  lea rsp,[rbp-10h]
  007d  pop r15
  007f  pop r14
  0081  pop rbp
  0082  ret
  0083  mov rax,[rsp]
  008b  jmp 0000000000000076h
  0090  ud2    ; trap: Code(StackOverflow)

