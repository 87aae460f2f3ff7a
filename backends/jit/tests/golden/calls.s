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
  013f  jmp 0

function h:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000115h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov [rsp],rdx
  0038  mov dword ptr [rsp+10h],1
  0043  mov dword ptr [rsp+14h],0
  004e  mov eax,[rsp+10h]
  0055  mov r11,[r14+60h]
  005c  cmp rax,[r11+8]
  0063  jae 000000000000010Fh
  0069  mov r11,[r11]
  0070  mov rax,[r11+rax*8]
  0074  test rax,rax
  0077  je 0000000000000111h
  007d  mov r11,[r14+30h]
  0084  mov r11d,[r11]
  008b  cmp r11d,[rax+10h]
  0092  jne 0000000000000113h
  0098  mov r11,[rax]
  009f  mov r10,[r11+8]
  00a6  test r10,r10
  00a9  je 00000000000000C9h
  00af  mov rdi,[rax+8]
  00b6  mov rsi,r14
  00b9  mov rdx,[rsp]
  00c1  call r10
  00c4  jmp 00000000000000F3h
  00c9  mov rdi,rax
  00cc  mov rsi,r14
  00cf  lea rdx,[rsp]
  00d7  mov ecx,1
  00dc  call qword ptr [r11]
  00e3  test al,al
  00e5  je 0000000000000117h
  00eb  mov rax,[rsp]
  00f3  mov eax,eax
  00f5  lea rsp,[rbp-10h]
  00fc  pop r15
  00fe  pop r14
  0100  pop rbp
  0101  ret
  0102  mov rax,[rsp]
  010a  jmp 00000000000000F5h
  010f  ud2    ; trap: Code(UndefinedElement)
  0111  ud2    ; trap: Code(UninitializedElement)
  0113  ud2    ; trap: Code(IndirectCallTypeMismatch)
  0115  ud2    ; trap: Code(StackOverflow)
  0117  ud2    ; trap: Propagate
  0119  mov r11,rdx
  011c  mov edx,[r11]
  0124  jmp 0

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

